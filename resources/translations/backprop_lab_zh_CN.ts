<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChainRuleView</name>
    <message>
        <source>Step {step}: forward pass</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backward pass (chain rule)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>because net &gt; 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>because net ≤ 0</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Update (gradient descent, η = {eta})</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is frozen (not trained): it stays {value}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ErrorPlot</name>
    <message>
        <source>The error E after each training step</source>
        <extracomment>Text sizes relative to the widget&apos;s font, which View ▸ Larger text scales (with Qt&apos;s usual 9 pt: ticks 11 pt, axis names and read-outs 12 pt, a plot&apos;s title 13 pt).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>error E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover over the curve to read step and E.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step {step}    E = {error}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>The graph cannot be evaluated here: {reason}</source>
        <extracomment>The smallest size text shrinks to when the widget is too small for the set size. Significant digits shown in the boxes and on the arrows. Arrow labels and the legend, relative to the box text. Arrowhead length, relative to the height of a line of box text.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>constant</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>black: value (forward)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>red: ∂E/∂node (backward)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>on arrows: local derivative</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>thick border: trained</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>grey: frozen</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HandCheckPanel</name>
    <message>
        <source>Quantity</source>
        <extracomment>Significant digits of the &quot;correct&quot; column. Wrong, but only because an earlier value was: a softer colour than a slip of its own. Hint text: the first slip in red, another slip of its own plain, a consequence in italics.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your value</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Correct</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Compare your numbers with the correct ones</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Fill in the notes&apos; numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Enter what the learner&apos;s notes print, and check it</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Clear</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>your value of {label}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not checked</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Type the numbers of your own calculation (leave a box empty to skip it), then press Check to see where it first goes wrong.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>You changed a value: press Check again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>right</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>wrong</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>not a number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Not a number, skipped: {names}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Nothing to check yet: type at least one of your numbers.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Everything you entered is right.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Your calculation first goes wrong at {label}: {hint}.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>1 later value is wrong only because of an earlier slip.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{n} later values are wrong only because of earlier slips.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <source>k</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f′(x)</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>LimitNotice</name>
    <message>
        <source>Export…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-run stopped at step %1, the most steps one run may take: every step is kept in memory so you can look back at it, export it and replay it. Export the run to keep it, or Reset to start again.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>reached the step limit</source>
        <extracomment>While running, the error plot gets updated when its last update and repaint took less than 1/6 of the time since, so it never takes more than about a sixth of the time.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the error E fell below its tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gradient became smaller than its tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Backprop Lab</source>
        <extracomment>No column of the window gets narrower than this (it scrolls instead).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Chain rule</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Graph</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Check my numbers</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Surface</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Slopes</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Gradient descent on a curve</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export run history as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export parabola run as CSV…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Quit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>System language</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Undo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Redo</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back at the starting values. Undo with Ctrl+Z to get the run back.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export run history</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export parabola run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>An export is still being written; wait for it or cancel it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Writing %1 rows to %2…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Could not save the CSV to %1: %2. Nothing was lost; choose another folder and try again.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Export cancelled: %1 was not written.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Saved %1 rows to %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The run %1. %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The sigmoid saturated: net grew so large that out rounded to exactly 0 or 1, where the logarithm in binary cross-entropy is infinite. Smaller starting weights or a smaller η keep net moderate; a squared-error loss has no such limit.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Binary cross-entropy needs out to be a probability, strictly between 0 and 1, but this activation can leave that range. Use the sigmoid with binary cross-entropy, or a squared-error loss.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η = %1 is negative, so every update goes uphill (gradient ascent): it climbs the error instead of descending it, until the numbers no longer fit in a computer&apos;s numbers. Use a positive η.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The learning rate η = %1 is too large for these values: each update overshoots, so the numbers grow until they no longer fit in a computer&apos;s numbers. Try a smaller η (for example a tenth of it), then Step again or press Reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>At step %1, %2. A dead ReLU stays dead: raise a bias or a weight so that net is above 0, or choose another activation.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run / Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Space</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Larger / smaller text</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>This list</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>About Backprop Lab</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>&lt;b&gt;Backprop Lab&lt;/b&gt;&lt;p&gt;Forward propagation, backpropagation with the chain rule, and gradient descent, number by number.&lt;/p&gt;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Auto-run stopped at step %1: %2.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{name} is empty; enter a number such as 0.5</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be an ordinary finite number, not &apos;{text}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} uses a comma: write decimals with a dot, e.g. {suggestion}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: &apos;{text}&apos; is not a number; try something like 0.05, -3 or 5e-2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {text} is too large to compute with (the limit is about 1.8e308)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty; enter a whole number such as 100</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be a whole number of 0 or more, not &apos;{text}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {value} is too many; the limit is {maximum}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: unknown activation &apos;{text}&apos;; choose one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: unknown loss &apos;{text}&apos;; choose one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: unknown function &apos;{text}&apos;; choose one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: unknown model &apos;{text}&apos;; choose one of {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: unknown parameter &apos;{text}&apos;; choose from {choices}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name}: {text} is named twice; choose two different parameters</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} is empty: the low end {low} must be below the high end {high}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} must be a whole number of points per side from {minimum} to {maximum}, not &apos;{text}&apos;</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} = {target} cannot be used with binary cross-entropy: it needs a target between 0 and 1 (a probability)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>binary cross-entropy needs 0 &lt; out &lt; 1, but out = {out}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{quantity} is not a finite number for these starting values</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>these values give a result that is not a finite number</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{quantity} is not a finite number at x₀ = {x0}</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>diverged at step {step}: {quantity} is no longer a finite number ({value}); the run stopped at step {last}, the last finite state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>stopped at step {step}: binary cross-entropy needs 0 &lt; out &lt; 1, but out = {out}; the run stopped at step {last}, the last finite state</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>nothing moves: net = {net} is not above 0, so the ReLU gives out = 0 and dout/dnet = 0, and every gradient is 0</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParabolaPanel</name>
    <message>
        <source>Function</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Start x₀</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ball flew off: %1. η = %2 is negative, so every step goes uphill (gradient ascent): it climbs the curve instead of descending it. Use a positive η, then press Reset.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ball flew off: %1. With η = %2 every step overshoots the minimum by more than it corrects, so |x| keeps growing. Try a smaller η (below 1 for x²), then press Reset.</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParabolaPlot</name>
    <message>
        <source>The function, the ball at the current x and the tangent whose slope is f′(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Press Step to roll the ball downhill.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>x = {x}    f(x) = {fx}    f′(x) = {gradient}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParabolaState</name>
    <message>
        <source>Reset the curve</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>i₁</source>
        <extracomment>Where a combo box item keeps its formula. A field committed a new value: (field name, value). A &quot;train&quot; box, the activation or the loss changed: the new NeuronConfig. A preset was chosen: (NeuronParams, NeuronConfig). All fields valid (True) or at least one invalid (False).</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>i₂</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w₁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>w₂</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b₁</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>b₂</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>target</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η (learning rate)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>train</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Load a preset…</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes example</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Notes as printed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Activation</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Loss</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Preset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{name} — {formula}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>Step</source>
        <extracomment>Speed positions in steps per second; None, the last, means as fast as possible.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Do one update (Right arrow or N)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Run or pause training (Space)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Back to the starting values (Ctrl+R)</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Steps per second; far right is as fast as possible</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Speed</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Pause</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>max</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>RunState</name>
    <message>
        <source>Load values</source>
        <extracomment>Histories at least this large grow in a background thread during auto-run: doubling a buffer of millions of rows takes long enough (fresh memory) to freeze the window.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Reset</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlicePlot</name>
    <message>
        <source>The error along one parameter, its tangent, and where the next step lands</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>unchanged</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>higher: the step overshoots the valley!</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower, but past the bottom: an overshoot</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>lower</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>tangent&apos;s slope ∂E/∂{p} = {formula}&lt;br&gt;next step: {p} − η·∂E/∂{p} = {ghost}, where E = {ghost_e} is {verdict}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SlopesView</name>
    <message>
        <source>Parameter</source>
        <extracomment>A slope smaller than this is called flat in the plot&apos;s title.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>flat: almost no signal passes</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>StopConditions</name>
    <message>
        <source>Stop auto-run when</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>step reaches</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>E falls below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the error tolerance</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>‖∇E‖ falls below</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>the gradient tolerance</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurfaceMap</name>
    <message>
        <source>Across</source>
        <extracomment>Share of the path&apos;s extent added on each side when the view follows it. E below this is drawn as this in the log colour scale (log10 of 0 is -inf). The learner asked to put the ball at (x, y). The visible range changed (zoom, pan or following): the grid needs recomputing.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Up</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Log colours</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Follow the path</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Zooming or panning stops following; tick to follow again</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The error E over two parameters, with the run&apos;s path and the ball</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A slice of E: the other parameters stay at their current values, so the path need not run straight downhill on this map.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>log₁₀ E</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Hover over the map to read E there.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>{x} = {xv}    {y} = {yv}    E = {e}</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>SurfacePanel</name>
    <message>
        <source>Move the ball to %1 = %2, %3 = %4</source>
        <extracomment>Points per side of the map&apos;s grid (the engine does 200 x 200 in a few ms; the contour lines cost about as much again, and this is redrawn every frame while training). The path is drawn through at most this many points (always ending at the ball). The grid reaches this share of the view&apos;s size beyond each edge. Smallest view while following, in arrow lengths and relative to the values&apos; size. Why an edit from the map was refused: a function that phrases it (so the message follows a language switch), for the window&apos;s banner.</extracomment>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>The ball cannot go there: %1</source>
        <translation type="unfinished"></translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>The notes&apos; parabola: each step multiplies x by (1 − 2η).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>A flat-bottomed quartic: the gradient 4x³ fades near 0, so progress slows down.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>Two valleys: where the ball settles depends on where it starts and on η.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η &lt; 0 is gradient ascent: every step goes uphill, away from the minimum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η = 0: the ball never moves.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0 &lt; η &lt; 0.5: x shrinks steadily towards 0 without crossing it.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η = 0.5: the very first step lands exactly on the minimum.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>0.5 &lt; η &lt; 1: x jumps across 0 each step but still shrinks (oscillating).</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η = 1: x bounces between +x0 and −x0 forever and never converges.</source>
        <translation type="unfinished"></translation>
    </message>
    <message>
        <source>η &gt; 1: every step overshoots further, |x| grows by |1 − 2η| each step (diverges).</source>
        <translation type="unfinished"></translation>
    </message>
</context>
</TS>
