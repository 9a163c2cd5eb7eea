"""The shipped gazetteer (regions.toml) and how a site extends it."""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path

import pytest

from sitegen.taxonomy import DEFAULT_DIR, TaxonomyError, load_taxonomy

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover
    import tomli as tomllib

TAXONOMY = load_taxonomy()
REGIONS = TAXONOMY.regions
RAW = tomllib.loads((DEFAULT_DIR / "regions.toml").read_text(encoding="utf-8"))["region"]
LEVELS = ("world", "continent", "country", "province", "city", "district", "venue")

# The 34 provincial-level divisions of China and their capitals; a municipality or
# SAR is its own capital (None).
PROVINCIAL = {
    "北京": None, "天津": None, "上海": None, "重庆": None,
    "河北": "石家庄", "山西": "太原", "辽宁": "沈阳", "吉林": "长春", "黑龙江": "哈尔滨",
    "江苏": "南京", "浙江": "杭州", "安徽": "合肥", "福建": "福州", "江西": "南昌",
    "山东": "济南", "河南": "郑州", "湖北": "武汉", "湖南": "长沙", "广东": "广州",
    "海南": "海口", "四川": "成都", "贵州": "贵阳", "云南": "昆明", "陕西": "西安",
    "甘肃": "兰州", "青海": "西宁", "台湾": "台北",
    "内蒙古": "呼和浩特", "广西": "南宁", "西藏": "拉萨", "宁夏": "银川", "新疆": "乌鲁木齐",
    "香港": None, "澳门": None,
}


def by_name(name: str):
    return next(r for r in REGIONS.values() if r.name == name)


def test_region_ids_are_unique_in_the_shipped_file():
    counts = Counter(entry["id"] for entry in RAW)
    assert [region_id for region_id, n in counts.items() if n > 1] == []
    assert len(REGIONS) == len(RAW)


def test_region_ids_are_ascii_slugs():
    assert all(r.id.isascii() and r.id == r.id.lower() and " " not in r.id for r in REGIONS.values())


def test_every_region_reaches_the_world_through_known_parents():
    for region in REGIONS.values():
        if region.level != "world":
            assert TAXONOMY.ancestors(region.id)[-1] == "world", region.id


def test_a_child_is_never_at_a_higher_level_than_its_parent():
    rank = {level: n for n, level in enumerate(LEVELS)}
    for region in REGIONS.values():
        assert region.level in rank, region.id
        if region.parent:
            assert rank[region.level] >= rank[REGIONS[region.parent].level], region.id


def test_every_place_has_coordinates_in_range():
    for region in REGIONS.values():
        if region.level == "world":
            continue
        assert region.lat is not None and region.lon is not None, region.id
        assert -90 <= region.lat <= 90 and -180 <= region.lon <= 180, region.id


def test_places_in_china_lie_in_chinas_bounding_box():
    for region in REGIONS.values():
        if "china" in TAXONOMY.ancestors(region.id):
            assert 3 <= region.lat <= 54 and 73 <= region.lon <= 136, region.id


def test_all_34_provincial_divisions_are_provinces_of_china():
    provinces = {r.name for r in REGIONS.values() if r.level == "province" and r.parent == "china"}
    assert set(PROVINCIAL) <= provinces


@pytest.mark.parametrize("province, capital", [(p, c) for p, c in PROVINCIAL.items() if c])
def test_each_province_has_its_capital_as_a_city_near_it(province, capital):
    city = by_name(capital)
    region = by_name(province)
    assert city.level == "city" and city.parent == region.id
    assert abs(city.lat - region.lat) < 8 and abs(city.lon - region.lon) < 12


def test_prefecture_level_china_is_covered():
    cities = [r for r in REGIONS.values() if r.level == "city" and "china" in TAXONOMY.ancestors(r.id)]
    assert len(cities) >= 300
    assert len([c for c in cities if c.parent == "guangdong" and c.id != "pearl-river-delta"]) == 21


def test_the_seed_places_sit_in_their_hierarchy():
    assert TAXONOMY.ancestors("wuzhen")[:4] == ["tongxiang", "jiaxing", "zhejiang", "china"]
    assert TAXONOMY.ancestors("anqiu")[:3] == ["weifang", "shandong", "china"]
    assert TAXONOMY.ancestors("sandy-ridge")[:3] == ["northern-metropolis", "hongkong", "china"]
    assert TAXONOMY.ancestors("hetao")[:2] == ["northern-metropolis", "hongkong"]
    for venue in ("cyberport", "hk-science-park"):
        assert REGIONS[venue].parent == "hongkong"
    assert REGIONS["kenya"].parent == "africa"
    assert "非洲大陆" in REGIONS["africa"].aliases


def test_names_and_aliases_are_unambiguous_and_never_one_character():
    forms = Counter(form for r in REGIONS.values() for form in (r.name, *r.aliases))
    assert [form for form, n in forms.items() if n > 1] == []
    assert [form for form in forms if len(form) < 2] == []


@pytest.mark.parametrize("word", ["我国", "全国", "国内", "内地", "首都", "联合国", "上合组织", "京", "沪"])
def test_words_that_only_point_at_a_place_are_not_in_the_gazetteer(word):
    assert all(word != r.name and word not in r.aliases for r in REGIONS.values())


def test_a_site_file_overrides_an_id_and_adds_new_places(tmp_path: Path):
    (tmp_path / "regions.toml").write_text(
        """
[[region]]
id = "hangzhou"
name = "杭州"
level = "city"
parent = "zhejiang"
aliases = ["杭城"]
name_en = "Hangzhou"
lat = 30.27
lon = 120.16

[[region]]
id = "guangming-science-city"
name = "光明科学城"
level = "venue"
parent = "shenzhen"
name_en = "Guangming Science City"
lat = 22.77
lon = 113.93
""",
        encoding="utf-8",
    )
    site = load_taxonomy(tmp_path)
    assert site.regions["hangzhou"].aliases == ("杭城",)
    assert site.ancestors("guangming-science-city")[:2] == ["shenzhen", "guangdong"]
    assert len(site.regions) == len(REGIONS) + 1
    assert site.digest != TAXONOMY.digest


def test_a_site_place_under_an_unknown_parent_is_an_error(tmp_path: Path):
    (tmp_path / "regions.toml").write_text(
        '[[region]]\nid = "x"\nname = "某地"\nlevel = "city"\nparent = "nowhere"\n', encoding="utf-8"
    )
    with pytest.raises(TaxonomyError, match="nowhere"):
        load_taxonomy(tmp_path)


def test_site_file_with_a_repeated_region_id_is_an_error(tmp_path):
    from sitegen.taxonomy import TaxonomyError, load_taxonomy

    entry = '[[region]]\nid = "x-town"\nname = "某镇"\nlevel = "district"\nparent = "china"\n'
    (tmp_path / "regions.toml").write_text(entry * 2, encoding="utf-8")
    with pytest.raises(TaxonomyError, match="appears twice"):
        load_taxonomy(tmp_path)


def test_site_region_with_unknown_level_or_bad_coordinates_is_an_error(tmp_path):
    from sitegen.taxonomy import TaxonomyError, load_taxonomy

    base = '[[region]]\nid = "x-town"\nname = "某镇"\nparent = "china"\n'
    (tmp_path / "regions.toml").write_text(base + 'level = "galaxy"\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="unknown level"):
        load_taxonomy(tmp_path)
    (tmp_path / "regions.toml").write_text(base + 'level = "district"\nlat = 123.0\n', encoding="utf-8")
    with pytest.raises(TaxonomyError, match="latitude"):
        load_taxonomy(tmp_path)
