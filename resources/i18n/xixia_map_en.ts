<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
<context>
    <name>DataOpener</name>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="55" />
        <source>选择图层</source>
        <translation>Choose a layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="61" />
        <source>无法识别坐标系</source>
        <translation>Unknown coordinate system</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="63" />
        <source>确认坐标系</source>
        <translation>Confirm the coordinate system</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="64" />
        <source>文件没有坐标系，请确认：</source>
        <translation>The file has no coordinate system. Please confirm:</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="68" />
        <source>经度(X)列</source>
        <translation>Longitude (X) column</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="71" />
        <source>纬度(Y)列</source>
        <translation>Latitude (Y) column</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="76" />
        <source>无法打开文件</source>
        <translation>Cannot open the file</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="137" />
        <source>几何已修复</source>
        <translation>Geometries repaired</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="138" />
        <source>以下要素的几何无效，已用 make_valid 修复：</source>
        <translation>These features had invalid geometry and were repaired with make_valid:</translation>
    </message>
</context>
<context>
    <name>DetailsPanel</name>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="65" />
        <source>缩放至</source>
        <translation>Zoom to</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="66" />
        <source>复制坐标</source>
        <translation>Copy coordinates</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="77" />
        <source>未选择要素</source>
        <translation>No feature selected</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="78" />
        <source>在地图上点击要素查看详情</source>
        <translation>Click a feature on the map to see its details</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="90" />
        <source>，推定</source>
        <translation>, estimated</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/details_panel.py" line="92" />
        <source>坐标</source>
        <translation>Coordinates</translation>
    </message>
</context>
<context>
    <name>IndicatorsPanel</name>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="135" />
        <source>核心指标</source>
        <translation>Headline figures</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="135" />
        <source>计划完成情况</source>
        <translation>Plan completion</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="136" />
        <source>三次产业结构</source>
        <translation>Industrial structure</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="136" />
        <source>生态指标</source>
        <translation>Ecology</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="137" />
        <source>乡镇</source>
        <translation>Townships</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="137" />
        <source>全部指标</source>
        <translation>All indicators</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="152" />
        <source>实际完成</source>
        <translation>Actual</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="151" />
        <source>年度计划</source>
        <translation>Annual plan</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="153" />
        <source>省市重点项目</source>
        <translation>Key projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="159" />
        <source>选择乡镇…</source>
        <translation>Choose a township…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="261" />
        <source>指标</source>
        <translation>Indicator</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="261" />
        <source>数值</source>
        <translation>Value</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="261" />
        <source>时期</source>
        <translation>Period</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="282" />
        <source>境内</source>
        <translation>Within</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/indicators_panel.py" line="285" />
        <source>县文件中没有该乡镇的专项内容。</source>
        <translation>The county documents say nothing specific about this township.</translation>
    </message>
</context>
<context>
    <name>LayerTable</name>
    <message>
        <location filename="../../xixia_map/ui/attribute_table.py" line="135" />
        <source>筛选…</source>
        <translation>Filter…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/attribute_table.py" line="138" />
        <source>全部</source>
        <translation>All</translation>
    </message>
</context>
<context>
    <name>LayersPanel</name>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="128" />
        <source>不透明度</source>
        <translation>Opacity</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="129" />
        <location filename="../../xixia_map/ui/layer_tree.py" line="156" />
        <source>缩放至图层</source>
        <translation>Zoom to layer</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="158" />
        <source>坐标偏移</source>
        <translation>Coordinate offset</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="159" />
        <source>WGS84 / CGCS2000 (无偏移)</source>
        <translation>WGS84 / CGCS2000 (no offset)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="160" />
        <source>GCJ-02 (高德、腾讯)</source>
        <translation>GCJ-02 (Amap, Tencent)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="160" />
        <source>BD-09 (百度)</source>
        <translation>BD-09 (Baidu)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="166" />
        <source>移除图层</source>
        <translation>Remove layer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="91" />
        <source>西峡项目地图</source>
        <translation>Xixia Project Map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="92" />
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="92" />
        <source>要素详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="93" />
        <source>指标驾驶舱</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="93" />
        <source>属性表</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="96" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="97" />
        <source>全县视图</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="98" />
        <source>测距</source>
        <translation>Measure distance</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="99" />
        <source>测面积</source>
        <translation>Measure area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="129" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="130" />
        <source>打开数据…</source>
        <translation>Open data…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="134" />
        <source>打开项目…</source>
        <translation>Open project…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="135" />
        <source>保存项目</source>
        <translation>Save project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="138" />
        <source>项目另存为…</source>
        <translation>Save project as…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="139" />
        <source>最近的项目</source>
        <translation>Recent projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="142" />
        <source>导出地图…</source>
        <translation>Export map…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="145" />
        <source>导出数据…</source>
        <translation>Export data…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="147" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="100" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="150" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="152" />
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="155" />
        <source>书签</source>
        <translation>Bookmarks</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="158" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="183" />
        <source>打开数据</source>
        <translation>Open data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="184" />
        <source>矢量数据</source>
        <translation>Vector data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="200" />
        <source>(无)</source>
        <translation>(none)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="204" />
        <source>添加书签…</source>
        <translation>Add bookmark…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="219" />
        <source>单击地图添加点</source>
        <translation>Click the map to add points</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="226" />
        <source>面积</source>
        <translation>Area</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="228" />
        <source>距离</source>
        <translation>Distance</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="246" />
        <location filename="../../xixia_map/ui/main_window.py" line="254" />
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="282" />
        <source>已拦截外网请求</source>
        <translation>Blocked outside requests</translation>
    </message>
</context>
<context>
    <name>MapExportDialog</name>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="26" />
        <source>导出地图</source>
        <translation>Export map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="29" />
        <source>PNG · 当前窗口尺寸</source>
        <translation>PNG · window size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="29" />
        <source>PNG · 指定像素</source>
        <translation>PNG · pixel size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="29" />
        <source>PNG · 打印尺寸</source>
        <translation>PNG · print size</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="30" />
        <source>PDF 报告版式</source>
        <translation>PDF report layout</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="30" />
        <source>交互式 HTML</source>
        <translation>Interactive HTML</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="33" />
        <source>西峡县重点项目分布图</source>
        <translation>Xixia County key projects</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="41" />
        <source>横向</source>
        <translation>Landscape</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="47" />
        <source>格式</source>
        <translation>Format</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="48" />
        <source>标题</source>
        <translation>Title</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="49" />
        <source>宽 (像素)</source>
        <translation>Width (px)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="50" />
        <source>高 (像素)</source>
        <translation>Height (px)</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="51" />
        <source>纸张</source>
        <translation>Paper</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="53" />
        <source>分辨率</source>
        <translation>Resolution</translation>
    </message>
</context>
<context>
    <name>SearchBox</name>
    <message>
        <location filename="../../xixia_map/ui/search_box.py" line="33" />
        <source>搜索地名、项目(支持拼音, 如 huiche)</source>
        <translation>Search places and projects (pinyin works, e.g. huiche)</translation>
    </message>
</context>
<context>
    <name>opener</name>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="156" />
        <source>正在读取</source>
        <translation>Reading</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/open_data.py" line="156" />
        <source>取消</source>
        <translation>Cancel</translation>
    </message>
</context>
<context>
    <name>parent</name>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="84" />
        <source>正在导出…</source>
        <translation>Exporting…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="118" />
        <source>导出地图</source>
        <translation>Export map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="128" />
        <location filename="../../xixia_map/ui/export_dialog.py" line="161" />
        <source>导出失败</source>
        <translation>Export failed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="135" />
        <source>可见图层的全部要素</source>
        <translation>All features of visible layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="137" />
        <source>当前选中的要素</source>
        <translation>The selected feature</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="140" />
        <source>CSV: 经纬度</source>
        <translation>CSV: lon/lat</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="142" />
        <location filename="../../xixia_map/ui/export_dialog.py" line="152" />
        <source>导出数据</source>
        <translation>Export data</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="144" />
        <source>范围</source>
        <translation>Scope</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/export_dialog.py" line="145" />
        <source>CSV 几何</source>
        <translation>CSV geometry</translation>
    </message>
</context>
<context>
    <name>window</name>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="46" />
        <source>文件已移动或删除</source>
        <translation>file moved or deleted</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="84" />
        <source>保存项目</source>
        <translation>Save project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="91" />
        <source>保存失败</source>
        <translation>Save failed</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="100" />
        <source>打开项目</source>
        <translation>Open project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="107" />
        <source>无法打开项目</source>
        <translation>Cannot open the project</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="113" />
        <source>部分图层缺失</source>
        <translation>Some layers are missing</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="119" />
        <source>添加书签</source>
        <translation>Add bookmark</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/project_io.py" line="119" />
        <source>名称</source>
        <translation>Name</translation>
    </message>
</context>
</TS>