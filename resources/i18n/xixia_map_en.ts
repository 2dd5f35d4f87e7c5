<?xml version='1.0' encoding='utf-8'?>
<TS version="2.1" language="en_US">
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
        <location filename="../../xixia_map/ui/layer_tree.py" line="126" />
        <source>不透明度</source>
        <translation>Opacity</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/layer_tree.py" line="127" />
        <source>缩放至图层</source>
        <translation>Zoom to layer</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="81" />
        <source>西峡项目地图</source>
        <translation>Xixia Project Map</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="82" />
        <source>图层</source>
        <translation>Layers</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="82" />
        <source>要素详情</source>
        <translation>Details</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="83" />
        <source>指标驾驶舱</source>
        <translation>Indicators</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="83" />
        <source>属性表</source>
        <translation>Attribute table</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="86" />
        <source>工具栏</source>
        <translation>Toolbar</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="87" />
        <source>全县视图</source>
        <translation>Whole county</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="109" />
        <source>文件</source>
        <translation>File</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="110" />
        <source>导出地图…</source>
        <translation>Export map…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="113" />
        <source>导出数据…</source>
        <translation>Export data…</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="115" />
        <source>退出</source>
        <translation>Quit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="88" />
        <source>查找</source>
        <translation>Find</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="118" />
        <source>编辑</source>
        <translation>Edit</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="120" />
        <source>视图</source>
        <translation>View</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="123" />
        <source>语言</source>
        <translation>Language</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="159" />
        <location filename="../../xixia_map/ui/main_window.py" line="167" />
        <source>已导出</source>
        <translation>Exported</translation>
    </message>
    <message>
        <location filename="../../xixia_map/ui/main_window.py" line="194" />
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
</TS>