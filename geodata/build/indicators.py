"""Every quantitative fact in the two seed documents.

Columns: id, indicator_zh, indicator_en, value_text (exactly as the seed writes
it), value (number, empty for ratios), unit, comparator ("=" or ">=" for
"以上"), period, kind (actual | target), scope (county | zone | town | city),
scope_ref (township id for town scope), theme (dashboard group), related
(layer:id,... features the indicator concerns), seed, anchor (a phrase that
locates the source sentence; the build stores the whole sentence).
"""
from __future__ import annotations

PRESS = "000_ad63fb68d320b5bb.txt"
PLAN = "001_69fb1a1bb32074fd.txt"
PRESS_YEAR = "当年(发布会:12月24日)"
PLAN_YEAR = "本年度目标"
Q3 = "当年前三季度"
LAST_YEAR = "上年"
THREE_YEARS = "近三年累计"
ALL_PROJECTS = "layer:projects"
ALL_SECTIONS = "layer:monitoring_sections"

I = [  # noqa: E741 - a table, read as rows
    # -- economy (press release, actual) --
    ("gdp_growth", "全县GDP增速", "GDP growth", "9.3%", 9.3, "%", "=", Q3, "actual", "county", "", "economy", "", PRESS, "全县GDP增速9.3%"),
    ("fai_growth", "固定资产投资增长", "Fixed-asset investment growth", "8.8%", 8.8, "%", "=", Q3, "actual", "county", "", "economy", "", PRESS, "固定资产投资增长8.8%"),
    ("industrial_va_growth", "工业增加值增速", "Industrial value-added growth", "18.4%", 18.4, "%", "=", Q3, "actual", "county", "", "economy", "", PRESS, "工业增加值增速18.4%"),
    ("loan_growth", "金融机构贷款余额增速", "Bank loan balance growth", "18.6%", 18.6, "%", "=", Q3, "actual", "county", "", "economy", "", PRESS, "金融机构贷款余额增速18.6%"),
    ("budget_revenue", "一般公共预算收入", "General public budget revenue", "15.26亿", 15.26, "亿元", "=", Q3, "actual", "county", "", "economy", "", PRESS, "一般公共预算收入15.26亿"),
    ("provincial_key_projects", "省重点项目", "Provincial key projects", "6个", 6, "个", "=", PRESS_YEAR, "actual", "county", "", "projects", ALL_PROJECTS, PRESS, "今年实施省重点项目6个"),
    ("municipal_key_projects", "市重点项目", "Municipal key projects", "73个", 73, "个", "=", PRESS_YEAR, "actual", "county", "", "projects", ALL_PROJECTS, PRESS, "市重点项目73个"),
    ("key_project_plan_completion", "省市重点项目完成投资占年度计划", "Key-project investment vs annual plan", "143%", 143, "%", "=", "截至11月底", "actual", "county", "", "projects", ALL_PROJECTS, PRESS, "完成投资占年度计划的143%"),
    ("industry_structure", "三次产业结构", "Structure of primary:secondary:tertiary industry", "13.2:38.6:48.2", None, "比例", "=", LAST_YEAR, "actual", "county", "", "structure", "", PRESS, "13.2:38.6:48.2"),
    ("billion_clusters", "百亿级产业集群", "Industrial clusters over 10 billion yuan", "四个", 4, "个", "=", PRESS_YEAR, "actual", "county", "", "industry", "", PRESS, "四个百亿级产业集群"),
    ("above_scale_enterprises", "规模以上企业", "Enterprises above designated size", "471家", 471, "家", "=", PRESS_YEAR, "actual", "county", "", "industry", "", PRESS, "全县现有规模以上企业471家"),
    ("above_scale_industrial", "规上工业企业", "Industrial enterprises above designated size", "255家", 255, "家", "=", PRESS_YEAR, "actual", "county", "", "industry", "", PRESS, "规上工业企业255家"),
    ("zone_enterprises", "开发区工业企业", "Industrial enterprises in the development zone", "895家", 895, "家", "=", PRESS_YEAR, "actual", "zone", "", "industry", "projects:dev_zone", PRESS, "现有工业企业895家"),
    ("zone_over_100m", "开发区产值超亿元企业", "Zone firms with output over 100 million yuan", "40家", 40, "家", "=", PRESS_YEAR, "actual", "zone", "", "industry", "projects:dev_zone", PRESS, "产值超亿元企业40家"),
    ("zone_over_1b", "开发区产值超10亿元企业", "Zone firms with output over 1 billion yuan", "8家", 8, "家", "=", PRESS_YEAR, "actual", "zone", "", "industry", "projects:dev_zone", PRESS, "超10亿元企业8家"),
    ("zone_output", "开发区产值", "Development-zone output", "超400亿元", 400, "亿元", ">", PRESS_YEAR, "actual", "zone", "", "industry", "projects:dev_zone", PRESS, "产值超400亿元的开发区"),
    ("tech_smes", "科技型中小企业", "Tech-based SMEs fostered", "592家", 592, "家", "=", PRESS_YEAR, "actual", "county", "", "innovation", "", PRESS, "培育科技型中小企业592家"),
    ("specialised_firms", "省级以上“专精特新”企业", "Provincial+ specialised & innovative firms", "20家", 20, "家", "=", PRESS_YEAR, "actual", "county", "", "innovation", "", PRESS, "省级以上“专精特新”企业20家"),
    ("innovation_platforms", "省级以上创新平台", "Provincial+ innovation platforms", "77家", 77, "家", "=", PRESS_YEAR, "actual", "county", "", "innovation", "", PRESS, "省级以上创新平台77家"),
    ("special_plans", "专项规划", "Special plans completed", "35个", 35, "个", "=", PRESS_YEAR, "actual", "county", "", "urban", "", PRESS, "专项规划35个"),
    ("urban_projects_ten", "十大城建工程", "Ten urban construction works", "十大", 10, "项", "=", PRESS_YEAR, "actual", "county", "", "urban", "layer:facilities", PRESS, "管网改造等十大城建工程"),
    ("bus_villages", "镇村“一元票价”小公交惠及行政村", "Villages served by 1-yuan rural buses", "111个", 111, "个", "=", PRESS_YEAR, "actual", "county", "", "transport", "", PRESS, "惠及111个行政村"),
    ("bus_people", "镇村“一元票价”小公交惠及山区群众", "Mountain residents served by 1-yuan buses", "约15万", 15, "万人", "≈", PRESS_YEAR, "actual", "county", "", "transport", "", PRESS, "约15万山区群众"),
    ("paved_villages", "20户以上自然村通硬化路", "Villages of 20+ households on paved roads", "全部", 100, "%", "=", PRESS_YEAR, "actual", "county", "", "transport", "layer:roads", PRESS, "20户以上自然村全部通硬化路"),
    ("water_sections", "国省市控断面", "National/provincial/municipal monitoring sections", "7个", 7, "个", "=", PRESS_YEAR, "actual", "county", "", "ecology", ALL_SECTIONS, PRESS, "7个国省市控断面"),
    ("water_attainment", "国省市控断面水质达标率", "Monitoring-section attainment rate", "100%", 100, "%", "=", PRESS_YEAR, "actual", "county", "", "ecology", ALL_SECTIONS, PRESS, "水质达标率100%"),
    ("afforestation", "累计完成造林", "Afforestation", "9.2万亩", 9.2, "万亩", "=", THREE_YEARS, "actual", "county", "", "ecology", "", PRESS, "累计完成造林9.2万亩"),
    ("forest_tending", "森林抚育改造", "Forest tending and improvement", "56.7万亩", 56.7, "万亩", "=", THREE_YEARS, "actual", "county", "", "ecology", "", PRESS, "森林抚育改造56.7万亩"),
    ("forest_cover", "森林覆盖率", "Forest coverage", "80.35%", 80.35, "%", "=", PRESS_YEAR, "actual", "county", "", "ecology", "layer:parks", PRESS, "森林覆盖率达到80.35%"),
    ("soil_erosion_treated", "治理水土流失面积", "Soil erosion treated", "74.5平方公里", 74.5, "平方公里", "=", THREE_YEARS, "actual", "county", "", "ecology", "", PRESS, "治理水土流失面积74.5平方公里"),
    ("soil_demo_projects", "国家水土保持示范工程", "National soil & water conservation demonstration works", "2项", 2, "项", "=", THREE_YEARS, "actual", "county", "", "ecology", "", PRESS, "获得国家水土保持示范工程2项"),
    ("hongqiqu_cup", "连续荣获全省“红旗渠精神杯”", "Consecutive Red Flag Canal Spirit Cups", "14届", 14, "届", "=", "连续", "actual", "county", "", "ecology", "", PRESS, "连续14届荣获全省“红旗渠精神杯”"),
    ("eco_parcels", "已出让附带生态价值地块", "Land parcels sold with ecological value", "96宗", 96, "宗", "=", "累计", "actual", "county", "", "ecology", "", PRESS, "已出让附带生态价值地块96宗"),
    ("eco_premium", "生态溢价", "Ecological premium", "2342万元", 2342, "万元", "=", "累计", "actual", "county", "", "ecology", "", PRESS, "生态溢价2342万元"),
    ("business_env_rank", "营商环境全省排名", "Business-environment rank in Henan", "第13名", 13, "名", "=", PRESS_YEAR, "actual", "county", "", "governance", "", PRESS, "营商环境跃升至全省第13名"),
    ("three_none_villages", "“三无”村创成率", "Share of 'three-none' villages", "94.97%", 94.97, "%", "=", PRESS_YEAR, "actual", "county", "", "governance", "", PRESS, "“三无”村创成率达94.97%"),
    ("public_safety_years", "公众安全感保持全市第一", "Years first in city for public sense of safety", "连续三年", 3, "年", "=", "连续", "actual", "county", "", "governance", "", PRESS, "公众安全感连续三年保持全市第一"),
    # -- this year's targets (work plan) --
    ("big_projects_attracted", "全年招引超亿元项目", "Projects over 100 million yuan attracted", "65个以上", 65, "个", ">=", PLAN_YEAR, "target", "county", "", "projects", ALL_PROJECTS, PLAN, "全年招引超亿元项目65个以上"),
    ("mega_project", "落地超100亿元或超50亿元先进制造业项目", "Advanced-manufacturing mega project landed", "1个", 1, "个", ">=", PLAN_YEAR, "target", "county", "", "projects", ALL_PROJECTS, PLAN, "力争落地1个超100亿元或1个超50亿元的先进制造业项目"),
    ("foreign_firms", "新设外资企业", "New foreign-invested enterprises", "3家", 3, "家", "=", PLAN_YEAR, "target", "county", "", "opening", "", PLAN, "新设外资企业3家"),
    ("fdi", "实际使用外资", "Foreign capital actually used", "400万美元以上", 400, "万美元", ">=", PLAN_YEAR, "target", "county", "", "opening", "", PLAN, "实际使用外资400万美元以上"),
    ("major_projects_count", "重大项目", "Major projects", "296个", 296, "个", "=", PLAN_YEAR, "target", "county", "", "projects", ALL_PROJECTS, PLAN, "重点抓好总投资1335亿元的296个重大项目"),
    ("major_projects_total", "重大项目总投资", "Total investment of major projects", "1335亿元", 1335, "亿元", "=", PLAN_YEAR, "target", "county", "", "projects", ALL_PROJECTS, PLAN, "重点抓好总投资1335亿元的296个重大项目"),
    ("major_projects_annual", "重大项目年度投资", "Annual investment in major projects", "350亿元以上", 350, "亿元", ">=", PLAN_YEAR, "target", "county", "", "projects", ALL_PROJECTS, PLAN, "确保完成年度投资350亿元以上"),
    ("new_hightech", "新认定高新技术企业", "New high-tech enterprises", "10家", 10, "家", "=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "新认定高新技术企业10家"),
    ("national_tech_smes", "入库国家科技型中小企业", "Registered national tech SMEs", "350家", 350, "家", "=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "入库国家科技型中小企业350家"),
    ("county_st_projects", "县科技创新项目", "County S&T innovation projects", "5个以上", 5, "个", ">=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "实施县科技创新项目5个以上"),
    ("new_platforms", "新增市级以上科技创新平台", "New city+ S&T innovation platforms", "8家", 8, "家", "=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "新增市级以上科技创新平台8家"),
    ("tech_transfer", "转移转化科技成果", "S&T results transferred", "10项以上", 10, "项", ">=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "转移转化科技成果10项以上"),
    ("tech_contracts", "技术合同成交额", "Technology contract turnover", "10亿元", 10, "亿元", "=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "力争技术合同成交额达到10亿元"),
    ("fiscal_st_growth", "财政科技投入年均增长", "Fiscal S&T spending growth per year", "20%以上", 20, "%", ">=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "确保年均增长20%以上"),
    ("rd_growth", "全社会研发投入增长", "Society-wide R&D growth", "20%以上", 20, "%", ">=", PLAN_YEAR, "target", "county", "", "innovation", "", PLAN, "带动全社会研发投入增长20%以上"),
    ("main_roads", "县城“五纵七横”主次干道", "County-seat trunk roads (5 N-S, 7 E-W)", "12条", 12, "条", "=", PLAN_YEAR, "target", "county", "", "urban", "", PLAN, "县城“五纵七横”12条主次干道"),
    ("urban_key_projects", "城市建设十大工程重点项目", "Key projects of the ten urban works", "28个", 28, "个", "=", PLAN_YEAR, "target", "county", "", "urban", "layer:facilities", PLAN, "重推城市建设十大工程28个重点项目"),
    ("old_estates", "老旧小区改造提升", "Old residential estates renovated", "17个", 17, "个", "=", PLAN_YEAR, "target", "county", "", "urban", "facilities:old_estates", PLAN, "完成17个老旧小区改造提升任务"),
    ("market_towns_sewer", "集镇污水管网改扩建", "Market towns with sewer upgrades", "六个", 6, "个", "=", PLAN_YEAR, "target", "county", "", "urban", "facilities:sewer_network", PLAN, "城区及六个集镇污水管网改扩建"),
    ("road_upgrades", "道路改造提升工程", "Road upgrade works started", "7条", 7, "条", "=", PLAN_YEAR, "target", "county", "", "urban", "facilities:guanhe_east_bank,facilities:gongye_avenue,facilities:zhangjiang_road", PLAN, "张江路等7条道路改造提升工程"),
    ("manhole_covers", "更新改造窨井盖", "Manhole covers replaced", "750座", 750, "座", "=", PLAN_YEAR, "target", "county", "", "urban", "", PLAN, "更新改造窨井盖750座"),
    ("land_reclaimed", "复垦", "Land reclaimed", "1000亩以上", 1000, "亩", ">=", PLAN_YEAR, "target", "county", "", "land", "", PLAN, "完成复垦1000亩以上"),
    ("land_balance", "占补平衡", "Farmland offset balance", "2000亩", 2000, "亩", "=", PLAN_YEAR, "target", "county", "", "land", "", PLAN, "实现占补平衡2000亩"),
    ("land_approval", "组卷报批用地", "Land submitted for approval", "1150亩", 1150, "亩", "=", PLAN_YEAR, "target", "county", "", "land", "", PLAN, "力争组卷报批用地1150亩"),
    ("land_revenue", "土地收益", "Land revenue", "10亿元以上", 10, "亿元", ">=", PLAN_YEAR, "target", "county", "", "land", "", PLAN, "确保土地收益10亿元以上"),
    ("business_env_target", "营商环境评价", "Business-environment evaluation in city", "全市第一", 1, "名", "=", PLAN_YEAR, "target", "county", "", "governance", "", PLAN, "确保营商环境评价全市第一"),
    # -- township roles (town scope) --
    ("huiche_small_city", "回车镇“镇级小城市”试点", "Huiche: town-level small-city pilot", "试点", None, "", "=", PLAN_YEAR, "target", "town", "huiche", "towns", "townships:huiche", PLAN, "支持回车镇“镇级小城市”试点"),
    ("zhaigen_to_town", "寨根乡撤乡设镇", "Zhaigen: township to town", "撤乡设镇", None, "", "=", PLAN_YEAR, "target", "town", "zhaigen", "towns", "townships:zhaigen", PLAN, "寨根乡撤乡设镇工作"),
    ("taiping_tourism", "太平镇文旅强镇", "Taiping: culture & tourism town", "文旅强镇", None, "", "=", PLAN_YEAR, "target", "town", "taiping", "towns", "townships:taiping,parks:laojieling", PLAN, "建设文旅强镇"),
    ("miping_cornus", "米坪镇全国山茱萸集散中心", "Miping: national Cornus (山茱萸) trading hub", "全国山茱萸集散中心", None, "", "=", PLAN_YEAR, "target", "town", "miping", "towns", "townships:miping", PLAN, "支持米坪镇建设全国山茱萸集散中心"),
]

COLUMNS = ["id", "indicator_zh", "indicator_en", "value_text", "value", "unit", "comparator",
           "period", "kind", "scope", "scope_ref", "theme", "related", "seed", "anchor"]
