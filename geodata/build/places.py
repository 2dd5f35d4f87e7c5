"""Source table of every place, road, river and project the county's documents name.

Each entry records where its position came from and how far it may be off.
Positions are WGS84 lon/lat. Nothing here is surveyed. Town seats, the
development zone and the lines through them are derived in build_places.py
from the public facts in research.py (derive.py: a position and the radius its
constraints allow); the lon/lat kept in TOWNSHIPS below are used only for the
towns no source locates (grade D), whose accuracy then says "somewhere in the
county". Replace them with official 地名 data when it becomes available;
build_places.py regenerates the GeoJSON.

Seed files (../shared/seeds):
  PRESS = 000_ad63fb68d320b5bb.txt  press conference, "聚力民富县强 建设幸福西峡"
  PLAN  = 001_69fb1a1bb32074fd.txt  government work plan excerpt (this year's targets)
"""
from __future__ import annotations

PRESS = "seed:000_ad63fb68d320b5bb.txt"
PLAN = "seed:001_69fb1a1bb32074fd.txt"
ESTIMATE = "estimated from gazetteer descriptions and the county outline"
GAZETTEER = ("tcmap.com.cn (寨根乡); twwiki 军马河镇 (东临二郎坪、南依双龙、西接米坪、北与太平); "
             "chinawiki Xixia County (2 townships, 14 towns, 3 subdistricts)")
COUNTY_SEAT = (111.480, 33.305)

# (id, name_zh, name_en, kind, lon, lat, accuracy_m, note, seed_role); lon/lat/accuracy_m: the
# dataset's first placeholders, used only where research.py has no fact (grade D).
TOWNSHIPS = [
    ("baiyu", "白羽街道", "Baiyu Subdistrict", "街道", 111.488, 33.309, 1500, "", ""),
    ("zijin", "紫金街道", "Zijin Subdistrict", "街道", 111.466, 33.297, 1500, "", ""),
    ("lianhua", "莲花街道", "Lianhua Subdistrict", "街道", 111.505, 33.294, 1500, "", ""),
    ("danshui", "丹水镇", "Danshui Town", "镇", 111.620, 33.222, 8000, "", ""),
    ("xiping", "西坪镇", "Xiping Town", "镇", 111.050, 33.420, 8000, "", ""),
    ("shuanglong", "双龙镇", "Shuanglong Town", "镇", 111.520, 33.440, 6000, "", ""),
    ("huiche", "回车镇", "Huiche Town", "镇", 111.370, 33.300, 6000,
     "支持回车镇 “镇级小城市”试点", "镇级小城市试点"),
    ("dinghe", "丁河镇", "Dinghe Town", "镇", 111.270, 33.330, 8000, "", ""),
    ("sangping", "桑坪镇", "Sangping Town", "镇", 111.220, 33.600, 8000, "", ""),
    ("miping", "米坪镇", "Miping Town", "镇", 111.380, 33.600, 8000,
     "支持米坪镇建设全国山茱萸集散中心", "全国山茱萸集散中心"),
    ("wuliqiao", "五里桥镇", "Wuliqiao Town", "镇", 111.500, 33.360, 4000, "", ""),
    ("chongyang", "重阳镇", "Chongyang Town", "镇", 111.330, 33.380, 8000, "", ""),
    ("taiping", "太平镇", "Taiping Town", "镇", 111.550, 33.700, 8000,
     "支持太平 镇加快提升基础设施和公共服务水平,建设文旅强镇", "文旅强镇"),
    ("yangcheng", "阳城镇", "Yangcheng Town", "镇", 111.660, 33.280, 8000, "", ""),
    ("erlangping", "二郎坪镇", "Erlangping Town", "镇", 111.720, 33.550, 8000, "", ""),
    ("shijiehe", "石界河镇", "Shijiehe Town", "镇", 111.600, 33.480, 8000, "", ""),
    ("junmahe", "军马河镇", "Junmahe Town", "镇", 111.560, 33.570, 6000,
     "", ""),
    ("tianguan", "田关乡", "Tianguan Township", "乡", 111.670, 33.140, 8000, "", ""),
    ("zhaigen", "寨根乡", "Zhaigen Township", "乡", 111.140, 33.480, 6000,
     "支持回 车镇 “镇级小城市”试点和寨根乡撤乡设镇工作", "撤乡设镇"),
]

# Road alignments are schematic: straight runs between the derived positions of the
# towns each road is known to pass ("@…" are fixed points: border crossings, the
# development-zone crossing, the river's entry and exit). A line's accuracy_m is
# that of the least certain place it is drawn through.
ROADS = [
    {
        "id": "G312", "name_zh": "G312 沪霍线", "name_en": "National Road G312",
        "road_class": "national", "ref": "G312",
        "via": "内乡县界—丹水镇—开发区(东西向穿过)—县城—西坪镇(与G209相交)—陕西商南县界",
        "through": ["@east_border", "danshui", "@zone_crossing", "@county_town", "xiping", "@west_tip"],
        "source": (f"{PRESS}; research note: G312 crosses the development zone E-W just east of the town "
                   "and meets G209 in 西坪镇 (bgwkn.com; qi18; ciyu8); schematic"),
        "note": "实施G312、G345线改建等重点工程", "works": "改建",
    },
    {
        "id": "G345", "name_zh": "G345 启那线", "name_en": "National Road G345",
        "road_class": "national", "ref": "G345",
        "via": "县城—五里桥镇—双龙镇—军马河镇(鱼库村)—米坪镇(大庄村)",
        "through": ["@county_town", "wuliqiao", "shuanglong", "junmahe", "miping"],
        "source": (f"{PRESS}; zgyapi.01ny.cn 2023-04-18 (国道345线横亘米坪镇大庄村与军马河镇鱼库村,"
                   "通向70公里外的县城); the alignment between those villages and the town is a guess "
                   "(no source traces G345 inside the county); schematic"),
        "note": "实施G312、G345线改建等重点工程", "works": "改建",
    },
]

# Rivers flow from the first to the last point (source to mouth).
RIVERS = [
    {
        "id": "guanhe", "name_zh": "鹳河(老灌河)", "name_en": "Guan River (Laoguan He)",
        "flows": "北→南: 栾川方向入境, 经军马河、双龙、回车(古庄河于回车黄湾汇入)、县城, 南流入淅川",
        "through": ["@guanhe_entry", "junmahe", "shuanglong", "huiche", "@county_town", "@guanhe_exit"],
        "facts": "老灌河 crosses 军马河 (twwiki); 蛇尾河 joins it via 双龙 (zhiqingwang); 古庄河 joins it at 回车黄湾 (ppfocus)",
    },
    {
        "id": "qihe", "name_zh": "淇河", "name_en": "Qi River",
        "flows": "北→南: 卢氏方向入境, 经西坪, 南流出境入淅川",
        "through": ["@qihe_entry", "xiping", "@qihe_exit"],
        "facts": "淇河, the county's second river, runs through 西坪 (qi18)",
    },
    {
        "id": "xiahe", "name_zh": "峡河", "name_en": "Xia River",
        "flows": "北→南: 纵贯寨根乡 (tcmap: 峡河纵贯南北)",
        "through": ["@xiahe_entry", "zhaigen", "@xiahe_exit"],
        "facts": "峡河 runs N-S through 寨根 (tcmap)",
    },
]
FIXED_POINTS = {
    "@county_town": (111.4797, 33.3046), "@east_border": (111.745, 33.245), "@west_tip": (110.995, 33.438),
    "@zone_crossing": (111.503, 33.297),  # G312 across the strip, near its south end
    "@guanhe_entry": (111.690, 33.660), "@guanhe_exit": (111.492, 33.195),
    "@qihe_entry": (111.200, 33.680), "@qihe_exit": (111.060, 33.360),
    "@xiahe_entry": (111.250, 33.600), "@xiahe_exit": (111.220, 33.430),
}
# Where schematic lines share a stretch (鹳河 and G345 are both drawn through 军马河,
# 双龙 and the town), the river is drawn this far to the east of the towns it passes,
# so neither hides the other; both stay schematic, well inside their accuracy.
RIVER_OFFSET_M = 700

# The press release gives the count (7) and the result (100%, class II) but no
# names. These are estimated stand-ins at points a monitoring network usually
# covers: inflows, the county seat, and outflows. Replace with the official list.
# (id, name_zh, name_en, river, where): "at:<fraction of the river's length>" or "near:<township id>".
SECTIONS = [
    ("S1", "鹳河入境(推定)", "Guan River inflow (estimated)", "guanhe", "at:0.03"),
    ("S2", "鹳河双龙(推定)", "Guan River at Shuanglong (estimated)", "guanhe", "near:shuanglong"),
    ("S3", "鹳河县城上游(推定)", "Guan River above county seat (estimated)", "guanhe", "near:huiche"),
    ("S4", "鹳河县城下游(推定)", "Guan River below county seat (estimated)", "guanhe", "at:0.88"),
    ("S5", "鹳河出境(推定)", "Guan River outflow (estimated)", "guanhe", "at:0.98"),
    ("S6", "淇河出境(推定)", "Qi River outflow (estimated)", "qihe", "at:0.95"),
    ("S7", "峡河寨根(推定)", "Xia River at Zhaigen (estimated)", "xiahe", "near:zhaigen"),
]

# (id, name_zh, name_en, kind, lon, lat, accuracy_m, town, note, source)
PARKS = [
    ("dinosaur_egg_reserve", "恐龙蛋化石群国家级自然保护区(西峡)", "Dinosaur Egg Fossil Site",
     "化石遗址", 111.600, 33.235, 4000, "danshui",
     "20世纪90年代发现数千枚恐龙蛋化石, 2009年被授予“中国恐龙之乡”", "public: chinawiki Xixia County"),
    ("dinosaur_park", "西峡恐龙遗迹园", "Xixia Dinosaur Relics Park", "地质公园",
     111.585, 33.228, 4000, "danshui", "伏牛山世界地质公园组成部分", "public: yfs8 西峡县美景"),
    ("funiu_geopark", "伏牛山世界地质公园(西峡园区)", "Funiushan Global Geopark (Xixia)", "地质公园",
     111.560, 33.620, 15000, "", "区域性地质公园, 符号仅示意其在县境北部", "public: yfs8 西峡县美景"),
    ("laojieling", "老界岭景区", "Laojieling Scenic Area", "风景区", 111.520, 33.720, 6000, "taiping",
     "伏牛山主脊, 太平镇文旅强镇依托", "public: yfs8 西峡县美景"),
    ("longtangou", "龙潭沟景区", "Longtangou Scenic Area", "风景区", 111.470, 33.460, 5000, "shuanglong",
     "", "public: yfs8 西峡县美景"),
    ("laojundong", "老君洞景区", "Laojundong Scenic Area", "风景区", 111.540, 33.470, 6000, "shuanglong",
     "", "public: iicha 西峡县介绍"),
    ("wudaozhuang", "五道幢生态游览区", "Wudaozhuang Eco-tourism Area", "风景区",
     111.740, 33.570, 6000, "erlangping", "位于县城东北部二郎坪境内, 距县城46公里", "public: mafengwo listing"),
    ("guanhe_rafting", "灌河漂流(中原第一漂)", "Guan River Rafting", "风景区",
     111.600, 33.600, 6000, "junmahe", "", "public: twwiki 军马河镇"),
    ("sishan_forest_park", "寺山国家森林公园", "Sishan National Forest Park", "森林公园",
     111.455, 33.325, 2500, "", "", "public: iicha 西峡县介绍"),
    ("urban_pocket_parks", "城区社区公园、口袋公园(新建扩建)", "Community & pocket parks (new/expanded)",
     "城市公园", 111.484, 33.302, 2000, "",
     "与市中心城区同步推进国家生态园林城市创建,新建扩建一批社区公园、 口袋公园", PLAN),
]

# (id, name_zh, name_en, kind, status, lon, lat, accuracy_m, note, source)
# The development zone is drawn as its strip (research.py, build_places.zone). The
# investment projects the documents name without a site (lon None) are industrial
# and are taken to be in that zone, the county's industrial area: they are listed
# on it ("in this zone, site not given"), not drawn as invented points.
PROJECTS = [
    ("dev_zone", "西峡先进制造业开发区", "Xixia Advanced Manufacturing Development Zone", "开发区",
     "operating", "zone", "zone", 2500,
     "西峡先进制造业开发区现有工业企业895家,产值超亿元企业40家,超10亿元企业8家,"
     "是全市唯一一家产值超400亿元的开发区,创成全市唯一的五星级开发区", PRESS),
    ("zhongye_steel", "中冶钢构", "MCC Steel Structure", "招商项目", "to_sign", None, None, 6000,
     "全力推动中冶钢构、信儒碳纤维汽车零部件、乐凯辣椒精辣椒红萃取等项目尽早签约", PLAN),
    ("xinru_carbon", "信儒碳纤维汽车零部件", "Xinru Carbon-fibre Auto Parts", "招商项目", "to_sign",
     None, None, 6000,
     "全力推动中冶钢构、信儒碳纤维汽车零部件、乐凯辣椒精辣椒红萃取等项目尽早签约", PLAN),
    ("lekai_capsicum", "乐凯辣椒精辣椒红萃取", "Lekai Capsaicin & Paprika Extraction", "招商项目",
     "to_sign", None, None, 6000,
     "全力推动中冶钢构、信儒碳纤维汽车零部件、乐凯辣椒精辣椒红萃取等项目尽早签约", PLAN),
    ("zhengwei_tcm", "正威(南阳)国家级中医药新经济产业园", "Zhengwei (Nanyang) National TCM New-Economy Park",
     "签约项目", "signed", None, None, 6000,
     "加快正威 (南阳) 国家级中医药新经济产业园、煜和矿业晶质石墨新材料产业链等签约项目前期工作", PLAN),
    ("yuhe_graphite", "煜和矿业晶质石墨新材料产业链", "Yuhe Mining Crystalline Graphite Chain",
     "签约项目", "signed", None, None, 6000,
     "加快正威 (南阳) 国家级中医药新经济产业园、煜和矿业晶质石墨新材料产业链等签约项目前期工作", PLAN),
    ("huning_steel", "沪宁钢构", "Huning Steel Structure", "对接项目", "negotiating", None, None, 6000,
     "重点对接沪宁钢构、武汉理工通宇新能源专用车制造、百菌园万吨冷链物流等项目", PLAN),
    ("tongyu_ev", "武汉理工通宇新能源专用车制造", "WHUT Tongyu New-energy Special Vehicles",
     "对接项目", "negotiating", None, None, 6000,
     "重点对接沪宁钢构、武汉理工通宇新能源专用车制造、百菌园万吨冷链物流等项目", PLAN),
    ("baijunyuan_cold", "百菌园万吨冷链物流", "Baijunyuan 10,000-t Cold-chain Logistics",
     "对接项目", "negotiating", None, None, 6000,
     "重点对接沪宁钢构、武汉理工通宇新能源专用车制造、百菌园万吨冷链物流等项目", PLAN),
    ("yinian_shanhai", "亿年山海西峡城", "Yinian Shanhai Xixia City (culture & tourism)", "文旅项目",
     "building", 111.495, 33.300, 3000,
     "实施“亿年山海西峡城”等重点项目,有力促进了景区提档升级、业态深度融合", PRESS),
    ("nanyang_enclave", "南阳中心城区“招商飞地”", "Investment enclave in Nanyang city", "招商飞地",
     "planned", 112.528, 32.990, 10000, "阳中心城区建设 “招商飞地”", PLAN),
]

# (id, name_zh, name_en, kind, status, lon, lat, accuracy_m, note, source)
FACILITIES = [
    ("museum", "西峡县博物馆", "Xixia Museum", "文化设施", "completed", 111.478, 33.302, 2000,
     "建成博物馆、乔典运文学馆等重点工程", PRESS),
    ("qiao_dianyun_hall", "乔典运文学馆", "Qiao Dianyun Literature Hall", "文化设施", "completed",
     111.472, 33.306, 2000, "建成博物馆、乔典运文学馆等重点工程", PRESS),
    ("second_water_source", "第二水源地", "Second drinking-water source", "水源", "to_complete",
     111.500, 33.380, 15000, "建成第二水源地、餐厨垃圾处理 厂、 中心城区建筑垃圾消纳场、县城防洪排涝一期、"
     "城区及 六个集镇污水管网改扩建和城区水系互通等重点工程", PLAN),
    ("kitchen_waste_plant", "餐厨垃圾处理厂", "Kitchen-waste treatment plant", "环卫设施", "to_complete",
     111.530, 33.280, 4000, "建成第二水源地、餐厨垃圾处理 厂、 中心城区建筑垃圾消纳场", PLAN),
    ("construction_waste_site", "中心城区建筑垃圾消纳场", "Construction-waste disposal site",
     "环卫设施", "to_complete", 111.440, 33.285, 4000,
     "建成第二水源地、餐厨垃圾处理 厂、 中心城区建筑垃圾消纳场", PLAN),
    ("flood_control_1", "县城防洪排涝一期", "County-seat flood control, phase 1", "水利工程",
     "to_complete", 111.486, 33.296, 2500, "县城防洪排涝一期", PLAN),
    ("sewer_network", "城区及六个集镇污水管网改扩建", "Sewer network upgrade (city + 6 market towns)",
     "市政管网", "to_complete", 111.476, 33.293, 3000, "城区及 六个集镇污水管网改扩建", PLAN),
    ("water_system_link", "城区水系互通", "Urban water-system interconnection", "水利工程",
     "to_complete", 111.492, 33.310, 2500, "城区水系互通", PLAN),
    ("smart_city_center", "智慧城市运营管理中心", "Smart-city operations centre", "智慧城市",
     "to_complete", 111.481, 33.308, 2000, "建成智慧城市运营管理中心,加快 智慧城市场景应用", PLAN),
    ("gov_data_center", "政务服务大数据中心", "Government-services big-data centre", "数字政府",
     "building", 111.483, 33.304, 2000, "建设政务服务大数据中心", PLAN),
    ("guanhe_east_bank", "鹳河东岸改造提升", "Guan River east-bank upgrade", "城市更新",
     "to_start", 111.494, 33.300, 1500,
     "启动 鹳河东岸、城市绿化、主次干道交通岛和工业大道、张江路 等 7 条道路改造提升工程", PLAN),
    ("gongye_avenue", "工业大道改造提升", "Gongye Avenue upgrade", "道路改造", "to_start",
     111.535, 33.268, 3000,
     "启动 鹳河东岸、城市绿化、主次干道交通岛和工业大道、张江路 等 7 条道路改造提升工程", PLAN),
    ("zhangjiang_road", "张江路改造提升", "Zhangjiang Road upgrade", "道路改造", "to_start",
     111.470, 33.290, 3000,
     "启动 鹳河东岸、城市绿化、主次干道交通岛和工业大道、张江路 等 7 条道路改造提升工程", PLAN),
    ("farmers_market", "农贸市场(新建)", "Farmers' market (new)", "专业市场", "planned",
     111.470, 33.300, 3000, "新建农贸、蔬菜、活禽屠宰、鸿兴建材等专业市场,加快钢铁市场外迁", PLAN),
    ("vegetable_market", "蔬菜市场(新建)", "Vegetable market (new)", "专业市场", "planned",
     111.490, 33.290, 3000, "新建农贸、蔬菜、活禽屠宰、鸿兴建材等专业市场", PLAN),
    ("poultry_slaughter_market", "活禽屠宰市场(新建)", "Live-poultry slaughter market (new)", "专业市场",
     "planned", 111.515, 33.285, 3000, "新建农贸、蔬菜、活禽屠宰、鸿兴建材等专业市场", PLAN),
    ("hongxing_building_market", "鸿兴建材市场(新建)", "Hongxing building-materials market (new)",
     "专业市场", "planned", 111.455, 33.292, 3000, "新建农贸、蔬菜、活禽屠宰、鸿兴建材等专业市场", PLAN),
    ("steel_market_relocation", "钢铁市场外迁", "Steel market relocation", "专业市场", "building",
     111.550, 33.258, 4000, "加快钢铁市场外迁", PLAN),
    ("talent_apartments", "人才公寓", "Talent apartments", "人才保障", "building", 111.475, 33.310, 3000,
     "扎实推进人才公寓建设", PLAN),
    ("nanyang_vocational", "南阳职业学院技能人才和乡村振兴人才培育平台", "Nanyang Vocational College training platform",
     "教育", "building", 111.460, 33.315, 3000,
     "加快南阳职业 学院技能人才和乡村振兴人才培育平台建设", PLAN),
    ("haas_xixia_branch", "省农科院西峡分院", "Henan Academy of Agricultural Sciences, Xixia branch",
     "科研", "operating", 111.500, 33.315, 3000, "推动省农科院西峡分院 常态化运行", PLAN),
    ("old_estates", "17个老旧小区改造提升", "17 old residential estates renovated", "城市更新",
     "to_complete", 111.482, 33.300, 2000, "完成 17 个 老旧小区改造提升任务", PLAN),
]

STATUS_ZH = {
    "operating": "运营中", "completed": "已建成", "to_complete": "年内建成", "building": "推进中",
    "to_start": "年内启动", "signed": "已签约·前期", "to_sign": "力争签约", "negotiating": "重点对接",
    "planned": "计划新建",
}
