"""Map services from the government network (天地图, a 国土空间基础信息平台's WMTS,
WMS or ArcGIS REST tiles, plain XYZ templates): what one is, and how its
capabilities are read (OWSLib for WMTS and WMS).

model         a service and its tile grid (Web Mercator, or CGCS2000 lon/lat)
capabilities  GetCapabilities / ArcGIS JSON read into layers to choose from
tianditu      the 天地图 preset: 矢量/影像/地形 and their annotation, with the office's key
"""
