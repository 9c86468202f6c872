<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="zh_CN">
<context>
    <name>ChainRuleView</name>
    <message>
        <source>Step {step}: forward pass</source>
        <translation>第 {step} 步：前向传播</translation>
    </message>
    <message>
        <source>Backward pass (chain rule)</source>
        <translation>反向传播（链式法则）</translation>
    </message>
    <message>
        <source>because {net} &gt; 0</source>
        <translation>因为 {net} &gt; 0</translation>
    </message>
    <message>
        <source>because {net} ≤ 0</source>
        <translation>因为 {net} ≤ 0</translation>
    </message>
    <message>
        <source>path through {node}:</source>
        <translation>经过 {node} 的路径：</translation>
    </message>
    <message>
        <source>Update (gradient descent, η = {eta})</source>
        <translation>更新（梯度下降，步长 η = {eta}）</translation>
    </message>
    <message>
        <source>{name} is frozen (not trained): it stays {value}</source>
        <translation>{name} 已冻结（不训练）：保持 {value}</translation>
    </message>
</context>
<context>
    <name>ErrorPlot</name>
    <message>
        <source>The error E after each training step</source>
        <extracomment>The curve&apos;s pen: 2 px when paused; 1 px while a run grows it, because a wider line costs about ten times as much to paint, 30 times a second. While live, the step axis grows in steps (to the next 1, 2 or 5 × 10^k past this many times the steps shown) and the E axis only widens: the axes (whose ticks take several milliseconds to lay out) are redrawn only when they change. Room added on the side where a live E axis widens, as a share of its span. Text sizes relative to the widget&apos;s font, which View ▸ Larger text scales (with Qt&apos;s usual 9 pt: ticks 11 pt, axis names and read-outs 12 pt, a plot&apos;s title 13 pt). The widest E the read-out shows (display_number: 12 significant digits, an exponent).</extracomment>
        <translation>每一步训练后的误差 E</translation>
    </message>
    <message>
        <source>step</source>
        <translation>步数</translation>
    </message>
    <message>
        <source>error E</source>
        <translation>误差 E</translation>
    </message>
    <message>
        <source>Log scale</source>
        <translation>对数坐标</translation>
    </message>
    <message>
        <source>Hover over the curve to read step and E.</source>
        <translation>把鼠标移到曲线上，读出步数和 E。</translation>
    </message>
    <message>
        <source>step {step}    E = {error}</source>
        <translation>第 {step} 步    E = {error}</translation>
    </message>
</context>
<context>
    <name>ErrorReporter</name>
    <message>
        <source>Something went wrong</source>
        <translation>出错了</translation>
    </message>
    <message>
        <source>Backprop Lab hit an error it did not expect: %1. Your run and its history are kept and the window keeps working; auto-run was paused. Please report this with the details below (select them and copy).</source>
        <translation>反向传播实验室遇到了一个意外错误：%1。你的运行和历史都保留着，窗口仍可继续使用；自动运行已暂停。请连同下面的详细信息（选中后复制）一起报告这个问题。</translation>
    </message>
</context>
<context>
    <name>FileErrors</name>
    <message>
        <source>the folder or file does not exist</source>
        <translation>文件夹或文件不存在</translation>
    </message>
    <message>
        <source>you have no permission for it</source>
        <translation>你没有权限</translation>
    </message>
    <message>
        <source>the disk is read-only</source>
        <translation>磁盘是只读的</translation>
    </message>
    <message>
        <source>the disk is full</source>
        <translation>磁盘已满</translation>
    </message>
    <message>
        <source>it is a folder, not a file</source>
        <translation>这是一个文件夹，不是文件</translation>
    </message>
    <message>
        <source>the name is too long</source>
        <translation>名称太长</translation>
    </message>
</context>
<context>
    <name>GraphView</name>
    <message>
        <source>The graph cannot be evaluated here: {reason}</source>
        <extracomment>The smallest size text shrinks to when the widget is too small for the set size. Significant digits shown in the boxes and on the arrows. Arrow labels and the legend, relative to the box text. Arrowhead length, relative to the height of a line of box text. Texts smaller than this are not readable: the view asks for more room instead. Where along its shaft an arrow label may sit, in order of preference: the first place clear of the labels already placed and of the boxes wins (crossing arrows meet mid-way).</extracomment>
        <translation>此处无法计算计算图：{reason}</translation>
    </message>
    <message>
        <source>constant</source>
        <translation>常数</translation>
    </message>
    <message>
        <source>black: value (forward)</source>
        <translation>黑色：数值（前向）</translation>
    </message>
    <message>
        <source>red: ∂E/∂node (backward)</source>
        <translation>红色：∂E/∂节点（反向）</translation>
    </message>
    <message>
        <source>on arrows: local derivative</source>
        <translation>箭头上：局部导数</translation>
    </message>
    <message>
        <source>thick border: trained</source>
        <translation>粗边框：参与训练</translation>
    </message>
    <message>
        <source>grey: frozen</source>
        <translation>灰色：已冻结</translation>
    </message>
</context>
<context>
    <name>HandCheckPanel</name>
    <message>
        <source>Quantity</source>
        <extracomment>Significant digits of the &quot;correct&quot; column. Wrong, but only because an earlier value was: a softer colour than a slip of its own. Hint text: the first slip in red, another slip of its own plain, a consequence in italics.</extracomment>
        <translation>量</translation>
    </message>
    <message>
        <source>Your value</source>
        <translation>你的数值</translation>
    </message>
    <message>
        <source>Correct</source>
        <translation>正确值</translation>
    </message>
    <message>
        <source>Verdict</source>
        <translation>判定</translation>
    </message>
    <message>
        <source>Check</source>
        <translation>检查</translation>
    </message>
    <message>
        <source>Compare your numbers with the correct ones</source>
        <translation>把你的数值与正确值比较</translation>
    </message>
    <message>
        <source>Fill in the notes&apos; numbers</source>
        <translation>填入笔记中的数值</translation>
    </message>
    <message>
        <source>Enter what the learner&apos;s notes print, and check it</source>
        <translation>填入笔记里印出的数值并检查</translation>
    </message>
    <message>
        <source>Clear</source>
        <translation>清空</translation>
    </message>
    <message>
        <source>your value of {label}</source>
        <translation>你算出的 {label}</translation>
    </message>
    <message>
        <source>not checked</source>
        <translation>不检查</translation>
    </message>
    <message>
        <source>Type the numbers of your own calculation (leave a box empty to skip it), then press Check to see where it first goes wrong.</source>
        <translation>输入你自己手算的数值（留空的格子不检查），然后按“检查”，看计算从哪里开始出错。</translation>
    </message>
    <message>
        <source>The run moved under your numbers: you typed them at step %1, and Check now compares them with step %2.</source>
        <translation>在你输入数值之后运行继续了：你是在第 %1 步输入的，现在“检查”会把它们与第 %2 步比较。</translation>
    </message>
    <message>
        <source>The values of step %1 changed under your numbers (an edit or a new choice): Check compares them with the values now.</source>
        <translation>在你输入数值之后，第 %1 步的数值变了（修改了数值或选项）：“检查”会与现在的数值比较。</translation>
    </message>
    <message>
        <source>Checking step %1: the values in the fields now.</source>
        <translation>检查第 %1 步：即输入框中现在的数值。</translation>
    </message>
    <message>
        <source>You changed a value: press Check again.</source>
        <translation>你改动了数值：请再按一次“检查”。</translation>
    </message>
    <message>
        <source>right</source>
        <translation>正确</translation>
    </message>
    <message>
        <source>wrong</source>
        <translation>错误</translation>
    </message>
    <message>
        <source>not a number</source>
        <translation>不是数字</translation>
    </message>
    <message>
        <source>Not a number, skipped: {names}.</source>
        <translation>不是数字，已跳过：{names}。</translation>
    </message>
    <message>
        <source>Nothing to check yet: type at least one of your numbers.</source>
        <translation>还没有可检查的：请至少输入一个数值。</translation>
    </message>
    <message>
        <source>Everything you entered is right.</source>
        <translation>你输入的全部正确。</translation>
    </message>
    <message>
        <source>Your calculation first goes wrong at {label}: {hint}.</source>
        <translation>你的计算从 {label} 开始出错：{hint}。</translation>
    </message>
    <message>
        <source>1 later value is wrong only because of an earlier slip.</source>
        <translation>后面有 1 个数值只是因为前面的错误而出错。</translation>
    </message>
    <message>
        <source>{n} later values are wrong only because of earlier slips.</source>
        <translation>后面有 {n} 个数值只是因为前面的错误而出错。</translation>
    </message>
</context>
<context>
    <name>HistoryTable</name>
    <message>
        <source>k</source>
        <translation>k</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation>f(x)</translation>
    </message>
    <message>
        <source>f′(x)</source>
        <translation>f′(x)</translation>
    </message>
</context>
<context>
    <name>LimitNotice</name>
    <message>
        <source>Export…</source>
        <translation>导出…</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Auto-run stopped at step %1, the most steps one run may take: every step is kept in memory so you can look back at it, export it and replay it. Export the run to keep it, or Reset to start again.</source>
        <translation>自动运行在第 %1 步停止，这是一次运行最多的步数：每一步都保存在内存中，方便回看、导出和重放。请导出这次运行以保留它，或者重置后重新开始。</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Backprop Lab</source>
        <extracomment>No column of the window gets narrower than this (it scrolls instead).</extracomment>
        <translation>反向传播实验室</translation>
    </message>
    <message>
        <source>Gradient descent on a curve</source>
        <translation>曲线上的梯度下降</translation>
    </message>
    <message>
        <source>Export run history as CSV…</source>
        <translation>将运行历史导出为 CSV…</translation>
    </message>
    <message>
        <source>Export parabola run as CSV…</source>
        <translation>将抛物线运行导出为 CSV…</translation>
    </message>
    <message>
        <source>Quit</source>
        <translation>退出</translation>
    </message>
    <message>
        <source>Step back in the timeline</source>
        <translation>在时间轴上后退一步</translation>
    </message>
    <message>
        <source>Back to the latest step</source>
        <translation>回到最新一步</translation>
    </message>
    <message>
        <source>Larger text</source>
        <translation>放大文字</translation>
    </message>
    <message>
        <source>Smaller text</source>
        <translation>缩小文字</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>文件(&amp;F)</translation>
    </message>
    <message>
        <source>&amp;Edit</source>
        <translation>编辑(&amp;E)</translation>
    </message>
    <message>
        <source>&amp;Run</source>
        <translation>运行(&amp;R)</translation>
    </message>
    <message>
        <source>&amp;View</source>
        <translation>视图(&amp;V)</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>语言(&amp;L)</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>帮助(&amp;H)</translation>
    </message>
    <message>
        <source>System language</source>
        <translation>跟随系统</translation>
    </message>
    <message>
        <source>Undo %1</source>
        <translation>撤销“%1”</translation>
    </message>
    <message>
        <source>Undo</source>
        <translation>撤销</translation>
    </message>
    <message>
        <source>Redo %1</source>
        <translation>重做“%1”</translation>
    </message>
    <message>
        <source>Redo</source>
        <translation>重做</translation>
    </message>
    <message>
        <source>Export run history</source>
        <translation>导出运行历史</translation>
    </message>
    <message>
        <source>Export parabola run</source>
        <translation>导出抛物线运行</translation>
    </message>
    <message>
        <source>CSV files (*.csv)</source>
        <translation>CSV 文件 (*.csv)</translation>
    </message>
    <message>
        <source>An export is still being written; wait for it or cancel it.</source>
        <translation>仍有导出正在写入；请等待它完成或取消它。</translation>
    </message>
    <message>
        <source>Exporting</source>
        <translation>正在导出</translation>
    </message>
    <message>
        <source>Writing %1 rows to %2…</source>
        <translation>正在把 %1 行写入 %2…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Could not save the CSV to %1: %2. Nothing was lost; choose another folder and try again.</source>
        <translation>无法把 CSV 保存到 %1：%2。没有丢失任何数据；请换一个文件夹再试。</translation>
    </message>
    <message>
        <source>Export cancelled: %1 was not written.</source>
        <translation>导出已取消：没有写入 %1。</translation>
    </message>
    <message>
        <source>Saved %1 rows to %2</source>
        <translation>已把 %1 行保存到 %2</translation>
    </message>
    <message>
        <source>→  or  N</source>
        <translation>→  或  N</translation>
    </message>
    <message>
        <source>Save run / open run</source>
        <translation>保存运行 / 打开运行</translation>
    </message>
    <message>
        <source>Step</source>
        <translation>单步</translation>
    </message>
    <message>
        <source>Run / Pause</source>
        <translation>运行 / 暂停</translation>
    </message>
    <message>
        <source>Space</source>
        <translation>空格</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Larger / smaller text</source>
        <translation>放大 / 缩小文字</translation>
    </message>
    <message>
        <source>This list</source>
        <translation>本列表</translation>
    </message>
    <message>
        <source>Keyboard shortcuts</source>
        <translation>键盘快捷键</translation>
    </message>
    <message>
        <source>About Backprop Lab</source>
        <translation>关于反向传播实验室</translation>
    </message>
    <message>
        <source>&lt;b&gt;Backprop Lab&lt;/b&gt;&lt;p&gt;Forward propagation, backpropagation with the chain rule, and gradient descent, number by number.&lt;/p&gt;</source>
        <translation>&lt;b&gt;反向传播实验室&lt;/b&gt;&lt;p&gt;逐个数字地演示前向传播、用链式法则做反向传播，以及梯度下降。&lt;/p&gt;</translation>
    </message>
</context>
<context>
    <name>Messages</name>
    <message>
        <source>{name} is empty; enter a number such as 0.5</source>
        <translation>{name} 为空；请输入一个数字，例如 0.5</translation>
    </message>
    <message>
        <source>{name} must be an ordinary finite number, not &apos;{text}&apos;</source>
        <translation>{name} 必须是普通的有限数字，不能是“{text}”</translation>
    </message>
    <message>
        <source>{name} uses a comma: write decimals with a dot, e.g. {suggestion}</source>
        <translation>{name} 用了逗号：小数请用小数点，例如 {suggestion}</translation>
    </message>
    <message>
        <source>{name}: &apos;{text}&apos; is not a number; try something like 0.05, -3 or 5e-2</source>
        <translation>{name}：“{text}”不是数字；请写成 0.05、-3 或 5e-2 这样的形式</translation>
    </message>
    <message>
        <source>{name}: {text} is too large to compute with (the limit is about 1.8e308)</source>
        <translation>{name}：{text} 太大，无法计算（上限约为 1.8e308）</translation>
    </message>
    <message>
        <source>{name} is empty; enter a whole number such as 100</source>
        <translation>{name} 为空；请输入一个整数，例如 100</translation>
    </message>
    <message>
        <source>{name} must be a whole number of 0 or more, not &apos;{text}&apos;</source>
        <translation>{name} 必须是 0 或更大的整数，不能是“{text}”</translation>
    </message>
    <message>
        <source>{name}: {value} is too many; the limit is {maximum}</source>
        <translation>{name}：{value} 太多了；上限是 {maximum}</translation>
    </message>
    <message>
        <source>{name}: unknown activation &apos;{text}&apos;; choose one of {choices}</source>
        <translation>{name}：未知的激活函数“{text}”；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{name}: unknown loss &apos;{text}&apos;; choose one of {choices}</source>
        <translation>{name}：未知的损失函数“{text}”；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{name}: unknown function &apos;{text}&apos;; choose one of {choices}</source>
        <translation>{name}：未知的函数“{text}”；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{name}: unknown model &apos;{text}&apos;; choose one of {choices}</source>
        <translation>{name}：未知的模型“{text}”；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{name}: unknown parameter &apos;{text}&apos;; choose from {choices}</source>
        <translation>{name}：未知的参数“{text}”；请从 {choices} 中选择</translation>
    </message>
    <message>
        <source>{name}: {text} is named twice; choose two different parameters</source>
        <translation>{name}：{text} 出现了两次；请选择两个不同的参数</translation>
    </message>
    <message>
        <source>{name} is empty: the low end {low} must be below the high end {high}</source>
        <translation>{name} 为空：下限 {low} 必须小于上限 {high}</translation>
    </message>
    <message>
        <source>{name} must be a whole number of points per side from {minimum} to {maximum}, not &apos;{text}&apos;</source>
        <translation>{name} 必须是每边的点数，为 {minimum} 到 {maximum} 之间的整数，不能是“{text}”</translation>
    </message>
    <message>
        <source>{name} = {target} cannot be used with binary cross-entropy: it needs a target between 0 and 1 (a probability)</source>
        <translation>{name} = {target} 不能与二元交叉熵一起使用：它要求期望输出在 0 和 1 之间（一个概率）</translation>
    </message>
    <message>
        <source>binary cross-entropy needs 0 &lt; out &lt; 1, but out = {out}</source>
        <translation>二元交叉熵要求 0 &lt; out &lt; 1，但 out = {out}</translation>
    </message>
    <message>
        <source>{quantity} is not a finite number for these starting values</source>
        <translation>对这些初始值，{quantity} 不是有限数</translation>
    </message>
    <message>
        <source>these values give a result that is not a finite number</source>
        <translation>这些数值得出的结果不是有限数</translation>
    </message>
    <message>
        <source>{quantity} is not a finite number at x₀ = {x0}</source>
        <translation>在 x₀ = {x0} 处，{quantity} 不是有限数</translation>
    </message>
    <message>
        <source>diverged at step {step}: {quantity} is no longer a finite number ({value}); the run stopped at step {last}, the last finite state</source>
        <translation>在第 {step} 步发散：{quantity} 不再是有限数（{value}）；运行停在第 {last} 步，即最后一个有限的状态</translation>
    </message>
    <message>
        <source>stopped at step {step}: binary cross-entropy needs 0 &lt; out &lt; 1, but out = {out}; the run stopped at step {last}, the last finite state</source>
        <translation>在第 {step} 步停止：二元交叉熵要求 0 &lt; out &lt; 1，但 out = {out}；运行停在第 {last} 步，即最后一个有限的状态</translation>
    </message>
    <message>
        <source>is larger than {megabytes} MB; not a session file</source>
        <translation>大于 {megabytes} MB，不是会话文件</translation>
    </message>
    <message>
        <source>is not UTF-8 text (byte {byte})</source>
        <translation>不是 UTF-8 文本（第 {byte} 字节）</translation>
    </message>
    <message>
        <source>{text} is not a number a session may hold</source>
        <translation>{text} 不是会话文件可以保存的数</translation>
    </message>
    <message>
        <source>not valid JSON: {text}</source>
        <translation>不是有效的 JSON：{text}</translation>
    </message>
    <message>
        <source>is nested too deeply; not a session file</source>
        <translation>嵌套层数太多，不是会话文件</translation>
    </message>
    <message>
        <source>must be &apos;{expected}&apos;; this is not a session file</source>
        <translation>必须是 &apos;{expected}&apos;；这不是会话文件</translation>
    </message>
    <message>
        <source>is {version}; this program reads version {supported} sessions</source>
        <translation>是 {version}；本程序读取第 {supported} 版的会话文件</translation>
    </message>
    <message>
        <source>must be one of {choices}, not &apos;{text}&apos;</source>
        <translation>必须是 {choices} 之一，而不是 &apos;{text}&apos;</translation>
    </message>
    <message>
        <source>must be a JSON object</source>
        <translation>必须是一个 JSON 对象</translation>
    </message>
    <message>
        <source>must be a JSON object of values, such as one weight and its number</source>
        <translation>必须是由数值组成的 JSON 对象，例如一个权重和它的数值</translation>
    </message>
    <message>
        <source>is missing</source>
        <translation>缺失</translation>
    </message>
    <message>
        <source>is not a field of a session file</source>
        <translation>不是会话文件中的字段</translation>
    </message>
    <message>
        <source>must be a number, not {text}</source>
        <translation>必须是一个数，而不是 {text}</translation>
    </message>
    <message>
        <source>must be a finite number</source>
        <translation>必须是有限的数</translation>
    </message>
    <message>
        <source>must be a whole number</source>
        <translation>必须是整数</translation>
    </message>
    <message>
        <source>must be between 0 and {most}, not {value}</source>
        <translation>必须在 0 到 {most} 之间，而不是 {value}</translation>
    </message>
    <message>
        <source>must be a list of parameter names</source>
        <translation>必须是参数名的列表</translation>
    </message>
    <message>
        <source>&apos;{text}&apos; is not a parameter of the {model} model</source>
        <translation>&apos;{text}&apos; 不是 {model} 模型的参数</translation>
    </message>
    <message>
        <source>must be a list</source>
        <translation>必须是一个列表</translation>
    </message>
    <message>
        <source>has more than {most} edits</source>
        <translation>修改超过 {most} 处</translation>
    </message>
    <message>
        <source>must be at least 1</source>
        <translation>必须至少为 1</translation>
    </message>
    <message>
        <source>must not be before the edit above</source>
        <translation>不能早于上一处修改</translation>
    </message>
    <message>
        <source>the run stops being finite at step {step}; the file does not match this program&apos;s numbers</source>
        <translation>运行在第 {step} 步不再是有限的数；文件与本程序算出的数不符</translation>
    </message>
    <message>
        <source>the curve&apos;s run stops at step {step}</source>
        <translation>曲线上的运行停在第 {step} 步</translation>
    </message>
    <message>
        <source>{text}</source>
        <translation>{text}</translation>
    </message>
    <message>
        <source>is not a finite number</source>
        <translation>不是有限数</translation>
    </message>
    <message>
        <source>follows correctly from your earlier value of {values}; fix that first</source>
        <translation>由你前面算出的 {values} 正确推得；请先改正它</translation>
    </message>
    <message>
        <source>follows correctly from your earlier values of {values}; fix that first</source>
        <translation>由你前面算出的 {values} 正确推得；请先改正它们</translation>
    </message>
    <message>
        <source>follows correctly from your earlier value of {values}; fix {fix} first</source>
        <translation>由你前面算出的 {values} 正确推得；请先改正 {fix}</translation>
    </message>
    <message>
        <source>follows correctly from your earlier values of {values}; fix {fix} first</source>
        <translation>由你前面算出的 {values} 正确推得；请先改正 {fix}</translation>
    </message>
    <message>
        <source>{hint}; from your earlier values, {worked} (and your {values} is wrong too)</source>
        <translation>{hint}；按你前面的数值，{worked}（而且你的 {values} 也错了）</translation>
    </message>
    <message>
        <source>{hint}; from your earlier values, {worked} (and your {values} are wrong too)</source>
        <translation>{hint}；按你前面的数值，{worked}（而且你的 {values} 也都错了）</translation>
    </message>
    <message>
        <source>differs from what your earlier values give: {worked}</source>
        <translation>与你前面的数值算出的结果不同：{worked}</translation>
    </message>
    <message>
        <source>differs from the correct value</source>
        <translation>与正确值不同</translation>
    </message>
    <message>
        <source>off by a factor of {factor}: check the decimal point (yours is {factor} times too large)</source>
        <translation>差了 {factor} 倍：检查小数点（你的值是正确值的 {factor} 倍）</translation>
    </message>
    <message>
        <source>off by a factor of {factor}: check the decimal point (yours is {factor} times too small)</source>
        <translation>差了 {factor} 倍：检查小数点（你的值只有正确值的 1/{factor}）</translation>
    </message>
    <message>
        <source>off by a factor of {factor} and the sign is wrong: check the decimal point and the sign (yours is {factor} times too large)</source>
        <translation>差了 {factor} 倍且符号错了：检查小数点和符号（你的值是正确值的 {factor} 倍）</translation>
    </message>
    <message>
        <source>off by a factor of {factor} and the sign is wrong: check the decimal point and the sign (yours is {factor} times too small)</source>
        <translation>差了 {factor} 倍且符号错了：检查小数点和符号（你的值只有正确值的 1/{factor}）</translation>
    </message>
    <message>
        <source>right size, wrong sign</source>
        <translation>大小对，符号错</translation>
    </message>
    <message>
        <source>right size, wrong sign: {reason}</source>
        <translation>大小对，符号错：{reason}</translation>
    </message>
    <message>
        <source>∂E/∂out = out − target (the inner derivative of target − out is −1)</source>
        <translation>∂E/∂out = out − target（target − out 的内层导数是 −1）</translation>
    </message>
    <message>
        <source>∂E/∂out = 2(out − target) (the inner derivative of target − out is −1)</source>
        <translation>∂E/∂out = 2(out − target)（target − out 的内层导数是 −1）</translation>
    </message>
    <message>
        <source>this is the value for 1/(1+e^net) (sigmoid with the sign flipped); the standard sigmoid is 1/(1+e^−net)</source>
        <translation>这是 1/(1+e^net)（符号翻转的 sigmoid）的值；标准 sigmoid 是 1/(1+e^−net)</translation>
    </message>
    <message>
        <source>this is the value for the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net)</source>
        <translation>这是标准 sigmoid 1/(1+e^−net) 的值；这个神经元用的是 1/(1+e^net)</translation>
    </message>
    <message>
        <source>this is the standard sigmoid 1/(1+e^−net); this neuron uses 1/(1+e^net) (the sign flipped, as the notes print it)</source>
        <translation>这是标准 sigmoid 1/(1+e^−net)；这个神经元用的是 1/(1+e^net)（符号翻转，与笔记印的一样）</translation>
    </message>
    <message>
        <source>−out(1−out) is the derivative of 1/(1+e^net); for the standard sigmoid 1/(1+e^−net) it is out(1−out)</source>
        <translation>−out(1−out) 是 1/(1+e^net) 的导数；标准 sigmoid 1/(1+e^−net) 的导数是 out(1−out)</translation>
    </message>
    <message>
        <source>out(1−out) is the derivative of the standard sigmoid; for 1/(1+e^net) it is −out(1−out)</source>
        <translation>out(1−out) 是标准 sigmoid 的导数；1/(1+e^net) 的导数是 −out(1−out)</translation>
    </message>
    <message>
        <source>twice what it should be: that is (target − out)² (MSE); here E = ½(target − out)² (half-SSE)</source>
        <translation>是应有值的两倍：那是 (target − out)² (MSE)；这里 E = ½(target − out)² (half-SSE)</translation>
    </message>
    <message>
        <source>twice what it should be: 2(out − target) is the derivative of (target − out)² (MSE); for ½(target − out)² (half-SSE) it is out − target</source>
        <translation>是应有值的两倍：2(out − target) 是 (target − out)² (MSE) 的导数；½(target − out)² (half-SSE) 的导数是 out − target</translation>
    </message>
    <message>
        <source>twice what it should be: is your ∂E/∂out from (target − out)² (MSE) instead of ½(target − out)² (half-SSE)?</source>
        <translation>是应有值的两倍：你的 ∂E/∂out 是不是按 (target − out)² (MSE) 而不是 ½(target − out)² (half-SSE) 算的？</translation>
    </message>
    <message>
        <source>half what it should be: that is ½(target − out)² (half-SSE); here E = (target − out)² (MSE)</source>
        <translation>是应有值的一半：那是 ½(target − out)² (half-SSE)；这里 E = (target − out)² (MSE)</translation>
    </message>
    <message>
        <source>half what it should be: out − target is the derivative of ½(target − out)² (half-SSE); for (target − out)² (MSE) it is 2(out − target)</source>
        <translation>是应有值的一半：out − target 是 ½(target − out)² (half-SSE) 的导数；(target − out)² (MSE) 的导数是 2(out − target)</translation>
    </message>
    <message>
        <source>half what it should be: is your ∂E/∂out from ½(target − out)² (half-SSE) instead of (target − out)² (MSE)?</source>
        <translation>是应有值的一半：你的 ∂E/∂out 是不是按 ½(target − out)² (half-SSE) 而不是 (target − out)² (MSE) 算的？</translation>
    </message>
    <message>
        <source>twice what it should be: a factor 2 too many or too few? (½(target − out)² (half-SSE) vs (target − out)² (MSE))</source>
        <translation>是应有值的两倍：是不是多乘或少乘了因子 2？（½(target − out)² (half-SSE) 与 (target − out)² (MSE)）</translation>
    </message>
    <message>
        <source>half what it should be: a factor 2 too many or too few? (½(target − out)² (half-SSE) vs (target − out)² (MSE))</source>
        <translation>是应有值的一半：是不是多乘或少乘了因子 2？（½(target − out)² (half-SSE) 与 (target − out)² (MSE)）</translation>
    </message>
    <message>
        <source>{param} is frozen (not trained) here, so {param}′ = {param}</source>
        <translation>{param} 在这里已冻结（不训练），所以 {param}′ = {param}</translation>
    </message>
    <message>
        <source>not squared: E = {formula}</source>
        <translation>没有平方：E = {formula}</translation>
    </message>
    <message>
        <source>you wrote η × ∂E/∂{param} but forgot to subtract it from {param}</source>
        <translation>你写的是 η × ∂E/∂{param}，但忘了用 {param} 减去它</translation>
    </message>
    <message>
        <source>you wrote −η × ∂E/∂{param} but forgot to add {param}: {rule}</source>
        <translation>你写的是 −η × ∂E/∂{param}，但忘了加上 {param}：{rule}</translation>
    </message>
    <message>
        <source>forgot η: {rule}</source>
        <translation>忘了步长 η：{rule}</translation>
    </message>
    <message>
        <source>moved uphill: {rule}, not +</source>
        <translation>往上坡走了：{rule}，不是 +</translation>
    </message>
    <message>
        <source>forgot η and moved uphill: {rule}</source>
        <translation>忘了步长 η，而且往上坡走了：{rule}</translation>
    </message>
    <message>
        <source>unchanged, but {param} is trained: {rule}</source>
        <translation>没有变化，但 {param} 参与训练：{rule}</translation>
    </message>
    <message>
        <source>left out the biases: {formula}</source>
        <translation>漏掉了偏置：{formula}</translation>
    </message>
    <message>
        <source>left out {bias}: {formula}</source>
        <translation>漏掉了 {bias}：{formula}</translation>
    </message>
    <message>
        <source>left out the last factor {local} = {input}</source>
        <translation>漏掉了最后一个因子 {local} = {input}</translation>
    </message>
    <message>
        <source>used {other}, but {local} = {input}</source>
        <translation>用了 {other}，但 {local} = {input}</translation>
    </message>
    <message>
        <source>{local} = 1: a bias has no input factor</source>
        <translation>{local} = 1：偏置没有输入因子</translation>
    </message>
    <message>
        <source>left out the factor {factor}</source>
        <translation>漏掉了因子 {factor}</translation>
    </message>
    <message>
        <source>only the path through {via}: ∂E/∂{param} adds the paths through every output</source>
        <translation>只算了经过 {via} 的路径：∂E/∂{param} 要把经过每个输出的路径相加（链式法则）</translation>
    </message>
    <message>
        <source>one digit is off (a copying or arithmetic slip)</source>
        <translation>有一位数字不对（抄写或计算失误）</translation>
    </message>
    <message>
        <source>two neighbouring digits are swapped (a copying slip)</source>
        <translation>两个相邻的数字颠倒了（抄写失误）</translation>
    </message>
    <message>
        <source>right to the 1 significant digit you wrote; keep at least 4</source>
        <translation>按你写的 1 位有效数字是对的；请至少保留 4 位</translation>
    </message>
    <message>
        <source>right to the {digits} significant digits you wrote; keep at least 4</source>
        <translation>按你写的 {digits} 位有效数字是对的；请至少保留 4 位</translation>
    </message>
    <message>
        <source>close, but not to 4 significant digits: keep more digits in every step</source>
        <translation>接近，但没有达到 4 位有效数字：每一步都多保留几位</translation>
    </message>
    <message>
        <source>nothing moves: net = {net} is not above 0, so the ReLU gives out = 0 and dout/dnet = 0, and every gradient is 0</source>
        <translation>什么都不动：net = {net} 不大于 0，所以 ReLU 给出 out = 0 且 dout/dnet = 0，每个梯度都是 0</translation>
    </message>
    <message>
        <source> and </source>
        <translation> 和 </translation>
    </message>
</context>
<context>
    <name>NetworkPanel</name>
    <message>
        <source>reached the step limit</source>
        <extracomment>While running, the view on show in the middle tabs takes at most a third of the time. While running, the error plot gets updated when its last update and repaint took less than 1/6 of the time since, so it never takes more than about a sixth of the time.</extracomment>
        <translation>达到了步数上限</translation>
    </message>
    <message>
        <source>the error E fell below its tolerance</source>
        <translation>误差 E 已低于容差</translation>
    </message>
    <message>
        <source>the gradient became smaller than its tolerance</source>
        <translation>梯度已小于容差</translation>
    </message>
    <message>
        <source>Chain rule</source>
        <extracomment>The limit notice&apos;s Export button: the window asks where to save the history. A passing note for the status bar: text and milliseconds. Widgets were built after the window (a lazy tab page, a model&apos;s rows): they need the window&apos;s text size and a place in the Tab order. The fields are another model&apos;s: the columns may need other widths. Whether a step (first) and a run (second) can start now, for the window&apos;s actions.</extracomment>
        <translation>链式法则</translation>
    </message>
    <message>
        <source>Graph</source>
        <translation>计算图</translation>
    </message>
    <message>
        <source>Check my numbers</source>
        <translation>检查我的计算</translation>
    </message>
    <message>
        <source>Surface</source>
        <translation>误差曲面</translation>
    </message>
    <message>
        <source>Slopes</source>
        <translation>斜率</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
    <message>
        <source>Continue from step %1</source>
        <translation>从第 %1 步继续</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Back at the starting values. Undo with Ctrl+Z to get the run back.</source>
        <translation>已回到初始值。按 Ctrl+Z 撤销即可找回这次运行。</translation>
    </message>
    <message>
        <source>Edit %1</source>
        <translation>修改 %1</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>%1 无法使用：%2</translation>
    </message>
    <message>
        <source>Load preset</source>
        <translation>载入预设</translation>
    </message>
    <message>
        <source>Choose model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 步/秒</translation>
    </message>
    <message>
        <source>The run %1. %2</source>
        <translation>这次运行%1。%2</translation>
    </message>
    <message>
        <source>The sigmoid saturated: net grew so large that out rounded to exactly 0 or 1, where the logarithm in binary cross-entropy is infinite. Smaller starting weights or a smaller η keep net moderate; a squared-error loss has no such limit.</source>
        <translation>sigmoid 饱和了：net 变得太大，out 被舍入成恰好 0 或 1，此时二元交叉熵里的对数是无穷大。较小的初始权值或较小的步长 η 能让 net 保持适中；平方误差损失没有这种限制。</translation>
    </message>
    <message>
        <source>Binary cross-entropy needs out to be a probability, strictly between 0 and 1, but this activation can leave that range. Use the sigmoid with binary cross-entropy, or a squared-error loss.</source>
        <translation>二元交叉熵要求 out 是一个概率，严格介于 0 和 1 之间，但这个激活函数可能超出这个范围。请把 sigmoid 与二元交叉熵搭配使用，或者改用平方误差损失。</translation>
    </message>
    <message>
        <source>η = %1 is negative, so every update goes uphill (gradient ascent): it climbs the error instead of descending it, until the numbers no longer fit in a computer&apos;s numbers. Use a positive η.</source>
        <translation>η = %1 是负数，所以每次更新都在往上走（梯度上升）：误差不降反升，直到数值大到计算机无法表示。请使用正的 η。</translation>
    </message>
    <message>
        <source>The learning rate η = %1 is too large for these values: each update overshoots, so the numbers grow until they no longer fit in a computer&apos;s numbers. Try a smaller η (for example a tenth of it), then Step again or press Reset.</source>
        <translation>对这些数值来说，步长 η = %1 太大了：每次更新都会越过最低点，数值越来越大，直到计算机无法表示。请试一个更小的 η（例如原来的十分之一），然后再单步或按“重置”。</translation>
    </message>
    <message>
        <source>At step %1, %2. A dead ReLU stays dead: raise a bias or a weight so that net is above 0, or choose another activation.</source>
        <translation>在第 %1 步，%2。“死亡”的 ReLU 不会自己复活：请增大某个偏置或权值使 net 大于 0，或者换一个激活函数。</translation>
    </message>
    <message>
        <source>Auto-run stopped at step %1: %2.</source>
        <translation>自动运行在第 %1 步停止：%2。</translation>
    </message>
    <message>
        <source>Step %1 (looking back; the run is at step %2)</source>
        <translation>第 %1 步（正在回看；运行在第 %2 步）</translation>
    </message>
</context>
<context>
    <name>ParabolaPanel</name>
    <message>
        <source>Function</source>
        <translation>函数</translation>
    </message>
    <message>
        <source>Start x₀</source>
        <translation>起点 x₀</translation>
    </message>
    <message>
        <source>Learning rate η</source>
        <translation>步长 η</translation>
    </message>
    <message>
        <source>%1 cannot be used: %2</source>
        <translation>%1 无法使用：%2</translation>
    </message>
    <message>
        <source>The ball flew off: %1. η = %2 is negative, so every step goes uphill (gradient ascent): it climbs the curve instead of descending it. Use a positive η, then press Reset.</source>
        <translation>小球飞出去了：%1。η = %2 是负数，所以每一步都往上走（梯度上升）：小球沿曲线向上爬而不是向下滚。请使用正的 η，然后按“重置”。</translation>
    </message>
    <message>
        <source>The ball flew off: %1. With η = %2 every step overshoots the minimum by more than it corrects, so |x| keeps growing. Try a smaller η (below 1 for x²), then press Reset.</source>
        <translation>小球飞出去了：%1。步长 η = %2 时，每一步越过最低点的距离都比修正的更多，所以 |x| 不断变大。请试一个更小的 η（对 x² 要小于 1），然后按“重置”。</translation>
    </message>
</context>
<context>
    <name>ParabolaPlot</name>
    <message>
        <source>The function, the ball at the current x and the tangent whose slope is f′(x)</source>
        <translation>函数曲线、位于当前 x 的小球，以及斜率为 f′(x) 的切线</translation>
    </message>
    <message>
        <source>x</source>
        <translation>x</translation>
    </message>
    <message>
        <source>f(x)</source>
        <translation>f(x)</translation>
    </message>
    <message>
        <source>Press Step to roll the ball downhill.</source>
        <translation>按“单步”让小球往下滚。</translation>
    </message>
    <message>
        <source>x = {x}    f(x) = {fx}    f′(x) = {gradient}</source>
        <translation>x = {x}    f(x) = {fx}    f′(x) = {gradient}</translation>
    </message>
</context>
<context>
    <name>ParabolaState</name>
    <message>
        <source>Choose function</source>
        <translation>选择函数</translation>
    </message>
    <message>
        <source>Edit x₀</source>
        <translation>修改 x₀</translation>
    </message>
    <message>
        <source>Edit the curve&apos;s η</source>
        <translation>修改曲线的 η</translation>
    </message>
    <message>
        <source>Reset the curve</source>
        <translation>重置曲线</translation>
    </message>
</context>
<context>
    <name>ParamPanel</name>
    <message>
        <source>η (learning rate)</source>
        <extracomment>Where a combo box item keeps its formula. ... and its remark (engine text, translated when shown), e.g. &quot;(as the notes print it)&quot;. A field committed a new value: (field name, value). A &quot;train&quot; box, the activation or the loss changed: the new Config. A preset was chosen: (Values, Config). All fields valid (True) or at least one invalid (False). Another model was chosen: the Model (the owner starts a run of it).</extracomment>
        <translation>步长 η</translation>
    </message>
    <message>
        <source>Model</source>
        <translation>模型</translation>
    </message>
    <message>
        <source>train</source>
        <translation>训练</translation>
    </message>
    <message>
        <source>Load a preset…</source>
        <translation>载入预设…</translation>
    </message>
    <message>
        <source>one</source>
        <translation>一</translation>
    </message>
    <message>
        <source>Activation</source>
        <translation>激活函数</translation>
    </message>
    <message>
        <source>Loss</source>
        <translation>损失函数</translation>
    </message>
    <message>
        <source>Preset</source>
        <translation>预设</translation>
    </message>
    <message>
        <source>{name} — {formula}</source>
        <translation>{name} — {formula}</translation>
    </message>
</context>
<context>
    <name>RunControls</name>
    <message>
        <source>Step</source>
        <extracomment>Speed positions in steps per second; None, the last, means as fast as possible.</extracomment>
        <translation>单步</translation>
    </message>
    <message>
        <source>Run</source>
        <translation>运行</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
    <message>
        <source>Do one update (Right arrow or N)</source>
        <translation>做一次更新（右方向键或 N）</translation>
    </message>
    <message>
        <source>Run or pause training (Space)</source>
        <translation>运行或暂停训练（空格）</translation>
    </message>
    <message>
        <source>Back to the starting values (Ctrl+R)</source>
        <translation>回到初始值（Ctrl+R）</translation>
    </message>
    <message>
        <source>Steps per second; far right is as fast as possible</source>
        <translation>每秒步数；最右端为尽可能快</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>速度</translation>
    </message>
    <message>
        <source>Pause</source>
        <translation>暂停</translation>
    </message>
    <message>
        <source>max</source>
        <translation>最快</translation>
    </message>
    <message>
        <source>1 step/s</source>
        <translation>1 步/秒</translation>
    </message>
    <message>
        <source>%1 steps/s</source>
        <translation>%1 步/秒</translation>
    </message>
</context>
<context>
    <name>RunState</name>
    <message>
        <source>Edit %1</source>
        <extracomment>Histories at least this large grow in a background thread during auto-run: doubling a buffer of millions of rows takes long enough (fresh memory) to freeze the window. Undo and Redo keep the runs they can bring back. Beyond this many bytes of their histories (a run at the step limit holds 275-535 MiB), the runs farthest from the current place in the undo stack keep only what rebuilds them: start, edits and step count, replayed when needed (the engine is deterministic). Rebuilds a held run whose history was dropped; the window replaces it by one that shows progress while a long run is recomputed in the background.</extracomment>
        <translation>修改 %1</translation>
    </message>
    <message>
        <source>Change activation</source>
        <translation>更改激活函数</translation>
    </message>
    <message>
        <source>Change loss</source>
        <translation>更改损失函数</translation>
    </message>
    <message>
        <source>Change what learns</source>
        <translation>更改参与训练的参数</translation>
    </message>
    <message>
        <source>Load values</source>
        <translation>载入数值</translation>
    </message>
    <message>
        <source>Choose model</source>
        <translation>选择模型</translation>
    </message>
    <message>
        <source>Reset</source>
        <translation>重置</translation>
    </message>
</context>
<context>
    <name>SessionFiles</name>
    <message>
        <source>Save run…</source>
        <extracomment>How many files File ▸ Open recent lists. Runs longer than this are rebuilt in the background, with progress (shorter ones take less than a frame or two).</extracomment>
        <translation>保存运行…</translation>
    </message>
    <message>
        <source>Open run…</source>
        <translation>打开运行…</translation>
    </message>
    <message>
        <source>Open recent</source>
        <translation>最近打开</translation>
    </message>
    <message>
        <source>Save run</source>
        <translation>保存运行</translation>
    </message>
    <message>
        <source>Backprop Lab runs (*.json)</source>
        <translation>反向传播实验室运行文件 (*.json)</translation>
    </message>
    <message>
        <source>Could not save the run</source>
        <translation>无法保存运行</translation>
    </message>
    <message>
        <source>Could not save the run to %1: %2. Nothing was lost; choose another folder and try again.</source>
        <translation>无法把运行保存到 %1：%2。没有丢失任何数据；请换一个文件夹再试。</translation>
    </message>
    <message>
        <source>Saved the run to %1</source>
        <translation>已把运行保存到 %1</translation>
    </message>
    <message>
        <source>Unsaved run</source>
        <translation>运行未保存</translation>
    </message>
    <message>
        <source>The current run has changes that are not saved. Save them first?</source>
        <translation>当前运行有未保存的改动。先保存吗？</translation>
    </message>
    <message>
        <source>Open run</source>
        <translation>打开运行</translation>
    </message>
    <message>
        <source>Backprop Lab runs (*.json);;All files (*)</source>
        <translation>反向传播实验室运行文件 (*.json);;所有文件 (*)</translation>
    </message>
    <message>
        <source>it cannot be read: %1</source>
        <translation>无法读取：%1</translation>
    </message>
    <message>
        <source>Opening a run</source>
        <translation>正在打开运行</translation>
    </message>
    <message>
        <source>Recomputing %1 steps of %2…</source>
        <translation>正在重新计算 %2 的 %1 步…</translation>
    </message>
    <message>
        <source>Cancel</source>
        <translation>取消</translation>
    </message>
    <message>
        <source>Bringing a run back</source>
        <translation>正在恢复一次运行</translation>
    </message>
    <message>
        <source>Recomputing the %1 steps of the run…</source>
        <translation>正在重新计算这次运行的 %1 步…</translation>
    </message>
    <message>
        <source>Opening cancelled; nothing changed.</source>
        <translation>已取消打开；没有任何改动。</translation>
    </message>
    <message>
        <source>Opened %1: %2 steps</source>
        <translation>已打开 %1：%2 步</translation>
    </message>
    <message>
        <source>line %1</source>
        <translation>第 %1 行</translation>
    </message>
    <message>
        <source>at %1: %2</source>
        <translation>在 %1：%2</translation>
    </message>
    <message>
        <source>Cannot open the run</source>
        <translation>无法打开运行</translation>
    </message>
    <message>
        <source>%1 cannot be opened, %2. Nothing was changed.</source>
        <translation>无法打开 %1，%2。没有任何改动。</translation>
    </message>
</context>
<context>
    <name>SlicePlot</name>
    <message>
        <source>The error along one parameter, its tangent, and where the next step lands</source>
        <translation>沿一个参数的误差曲线、它的切线，以及下一步落在哪里</translation>
    </message>
    <message>
        <source>E unchanged</source>
        <translation>E 不变</translation>
    </message>
    <message>
        <source>E higher: it overshoots!</source>
        <translation>E 更高：冲过头了！</translation>
    </message>
    <message>
        <source>E lower, but past the bottom</source>
        <translation>E 更低，但越过了最低点</translation>
    </message>
    <message>
        <source>E lower</source>
        <translation>E 更低</translation>
    </message>
    <message>
        <source>∂E/∂{p} = {slope}: the slope of the tangent&lt;br&gt;next step {p} − η·∂E/∂{p} = {ghost}: {verdict} ({ghost_e})</source>
        <translation>切线的斜率：∂E/∂{p} = {slope}&lt;br&gt;下一步 {p} − η·∂E/∂{p} = {ghost}：{verdict}（{ghost_e}）</translation>
    </message>
</context>
<context>
    <name>SlopesView</name>
    <message>
        <source>Parameter</source>
        <extracomment>A factor&apos;s curve and slope names share a line up to this many characters. A slope smaller than this is called flat in the plot&apos;s title. The widest slope a title shows (the columns are as wide as a title with it).</extracomment>
        <translation>参数</translation>
    </message>
    <message>
        <source>The slopes multiply to the slope of E:&lt;br&gt;∂E/∂{p} = {lines} = {total}</source>
        <translation>各段斜率相乘得到 E 的斜率：&lt;br&gt;∂E/∂{p} = {lines} = {total}</translation>
    </message>
    <message>
        <source>flat: almost no signal passes</source>
        <translation>平坦：几乎没有信号通过</translation>
    </message>
</context>
<context>
    <name>StopConditions</name>
    <message>
        <source>Stop auto-run when</source>
        <extracomment>Every ticked condition is usable (True) or one is not (False).</extracomment>
        <translation>自动运行停止条件</translation>
    </message>
    <message>
        <source>step reaches</source>
        <translation>步数达到</translation>
    </message>
    <message>
        <source>E falls below</source>
        <translation>E 低于</translation>
    </message>
    <message>
        <source>the error tolerance</source>
        <translation>误差容差</translation>
    </message>
    <message>
        <source>‖∇E‖ falls below</source>
        <translation>‖∇E‖ 低于</translation>
    </message>
    <message>
        <source>the gradient tolerance</source>
        <translation>梯度容差</translation>
    </message>
    <message>
        <source>Auto-run cannot start: %1.</source>
        <translation>无法开始自动运行：%1。</translation>
    </message>
</context>
<context>
    <name>SurfaceMap</name>
    <message>
        <source>Across</source>
        <extracomment>While running, the colour scale is kept while it is at most this many times the range of the values on the map. Share of the path&apos;s extent added on each side when the view follows it. A next step shorter than this on screen is drawn magnified (×2, ×5, ×10 ...), labelled. Following lets the view grow to this many times the path&apos;s fitted size before zooming in, and when the path leaves the view, the new view is this many times its fitted size. Contour lines are traced on a grid of about this many cells a side (every other point of a 201-point grid: 4x faster, and the lines stay smooth, as crossings are interpolated along the cells&apos; edges). E below this is drawn as this in the log colour scale (log10 of 0 is -inf). The learner asked to put the ball at (x, y). The visible range changed (zoom, pan or following): the grid needs recomputing.</extracomment>
        <translation>横轴</translation>
    </message>
    <message>
        <source>Up</source>
        <translation>纵轴</translation>
    </message>
    <message>
        <source>Log colours</source>
        <translation>对数配色</translation>
    </message>
    <message>
        <source>Follow the path</source>
        <translation>跟随路径</translation>
    </message>
    <message>
        <source>Zooming or panning stops following; tick to follow again</source>
        <translation>缩放或平移会停止跟随；勾选即可重新跟随</translation>
    </message>
    <message>
        <source>The error E over two parameters, with the run&apos;s path and the ball</source>
        <translation>两个参数上的误差 E，以及运行路径和小球</translation>
    </message>
    <message>
        <source>A slice of E: the other parameters stay at their current values, so the path need not run straight downhill on this map.</source>
        <translation>这是 E 的一个切片：其他参数保持当前值，所以路径在这张图上不一定笔直地往下走。</translation>
    </message>
    <message>
        <source>next step × %1</source>
        <translation>下一步 × %1</translation>
    </message>
    <message>
        <source>log₁₀ E</source>
        <translation>log₁₀ E</translation>
    </message>
    <message>
        <source>Hover over the map to read E there.</source>
        <translation>把鼠标移到图上，读出该处的 E。</translation>
    </message>
    <message>
        <source>{x} = {xv}    {y} = {yv}    E = {e}</source>
        <translation>{x} = {xv}    {y} = {yv}    E = {e}</translation>
    </message>
</context>
<context>
    <name>SurfacePanel</name>
    <message>
        <source>Move the ball to %1 = %2, %3 = %4</source>
        <extracomment>Points per side of the map&apos;s grid (the engine does 200 x 200 in a few ms; the contour lines cost about as much again, and this is redrawn every frame while training). While running the map is redrawn often: a coarser grid (a quarter of the work), and contour lines traced on half as many cells a side. The path is drawn through at most this many points (always ending at the ball). While running, a new grid is computed when the time since the last one is at least this many times what it cost. The grid reaches this share of the view&apos;s size beyond each edge. The slice&apos;s window stays while the ball and the ghost are this share of its width away from its ends, and it is at most this many times the width they need. Smallest view while following, in arrow lengths and relative to the values&apos; size. Why an edit from the map was refused: a function that phrases it (so the message follows a language switch), for the window&apos;s banner.</extracomment>
        <translation>把小球移到 %1 = %2，%3 = %4</translation>
    </message>
    <message>
        <source>The ball cannot go there: %1</source>
        <translation>小球不能去那里：%1</translation>
    </message>
</context>
<context>
    <name>Timeline</name>
    <message>
        <source>Looking back: step %1 of %2</source>
        <extracomment>The slider&apos;s least width in pixels (a handle and room to move it). The slider&apos;s moves are passed on at most once a frame, the latest one: a mouse sends moves faster than the views can be drawn, and each drawn move would delay the next. A drag held still this long has come to rest: views too slow to follow it catch up.</extracomment>
        <translation>正在回看：第 %1 步（共 %2 步）</translation>
    </message>
    <message>
        <source>Step %1</source>
        <translation>第 %1 步</translation>
    </message>
    <message>
        <source>Continue from step %1</source>
        <translation>从第 %1 步继续</translation>
    </message>
    <message>
        <source>Drag to look at any earlier step (Left or Shift+N steps back, End returns)</source>
        <translation>拖动可查看任意更早的一步（左方向键或 Shift+N 后退，End 返回）</translation>
    </message>
</context>
<context>
    <name>engine</name>
    <message>
        <source>The notes&apos; parabola: each step multiplies x by (1 − 2η).</source>
        <translation>笔记中的抛物线：每一步把 x 乘以 (1 − 2η)。</translation>
    </message>
    <message>
        <source>A flat-bottomed quartic: the gradient 4x³ fades near 0, so progress slows down.</source>
        <translation>平底的四次函数：梯度 4x³ 在 0 附近趋于消失，所以前进越来越慢。</translation>
    </message>
    <message>
        <source>Two valleys: where the ball settles depends on where it starts and on η.</source>
        <translation>两个山谷：小球停在哪里，取决于它从哪里出发以及 η。</translation>
    </message>
    <message>
        <source>η &lt; 0 is gradient ascent: every step goes uphill, away from the minimum.</source>
        <translation>η &lt; 0 就是梯度上升：每一步都往上走，远离最低点。</translation>
    </message>
    <message>
        <source>η = 0: the ball never moves.</source>
        <translation>η = 0：小球永远不动。</translation>
    </message>
    <message>
        <source>0 &lt; η &lt; 0.5: x shrinks steadily towards 0 without crossing it.</source>
        <translation>0 &lt; η &lt; 0.5：x 平稳地缩小到 0，不会越过它。</translation>
    </message>
    <message>
        <source>η = 0.5: the very first step lands exactly on the minimum.</source>
        <translation>η = 0.5：第一步就正好落在最低点。</translation>
    </message>
    <message>
        <source>0.5 &lt; η &lt; 1: x jumps across 0 each step but still shrinks (oscillating).</source>
        <translation>0.5 &lt; η &lt; 1：x 每一步都跳过 0，但仍在缩小（振荡收敛）。</translation>
    </message>
    <message>
        <source>η = 1: x bounces between +x0 and −x0 forever and never converges.</source>
        <translation>η = 1：x 在 +x0 和 −x0 之间永远来回跳，不会收敛。</translation>
    </message>
    <message>
        <source>η &gt; 1: every step overshoots further, |x| grows by |1 − 2η| each step (diverges).</source>
        <translation>η &gt; 1：每一步都越冲越远，|x| 每步乘以 |1 − 2η|（发散）。</translation>
    </message>
    <message>
        <source>target</source>
        <extracomment>Field names the window shows as words (translated like any text).</extracomment>
        <translation>期望输出</translation>
    </message>
    <message>
        <source>one neuron (the notes)</source>
        <translation>单个神经元（笔记）</translation>
    </message>
    <message>
        <source>Notes example</source>
        <extracomment>The shipped presets&apos; titles, for the translation file (the window translates a title in the &quot;engine&quot; context; lupdate cannot read JSON).</extracomment>
        <translation>笔记中的例子</translation>
    </message>
    <message>
        <source>Notes as printed</source>
        <translation>笔记原样（含笔误）</translation>
    </message>
    <message>
        <source>Classic 2-2-2 example</source>
        <translation>经典 2-2-2 例子</translation>
    </message>
    <message>
        <source>2-2-2 network</source>
        <translation>2-2-2 网络</translation>
    </message>
    <message>
        <source>(as the notes print it)</source>
        <extracomment>A short name for a unit&apos;s box in the graph, e.g. &quot;σ&quot; (the name when empty). The derivative jumps at net = 0, so the views say which side net is on. out lies strictly between 0 and 1 but rounds to exactly 0 or 1 once net is large (a saturated sigmoid), where binary cross-entropy&apos;s logarithm is infinite.</extracomment>
        <translation>（与笔记印的一样）</translation>
    </message>
    <message>
        <source>(mean over {n} output{s})</source>
        <extracomment>``check_target(value, field)`` raises LossDomainError if the loss is undefined for this target (``field`` names it in the message&apos;s values).</extracomment>
        <translation>（对{n}个输出取平均{s}）</translation>
    </message>
</context>
</TS>
