"""The words of errors about regions, parameters, layers and the data the app ships with: ``err_<code>``.

Worded by ``i18n.errors`` from the code and parameters ``geo`` raises. Japanese first, then English.
"""

from __future__ import annotations

_FORMS_JA = (
    "指定できるもの: 全国は 'japan'・'全国'・'all'、ブロックは ID か名称（{blocks}）、都道府県は JIS コード 1〜47"
    "（例: '43'、'1'）、日本語名（'熊本県'、'熊本'）か英語名（'Kumamoto'）"
)
_FORMS_EN = (
    "accepted forms: 'japan', '全国' or 'all' for the whole country; a METI block id or name: {blocks}; "
    "a prefecture JIS code 1..47 (e.g. '43' or '1'), Japanese name ('熊本県' or '熊本') or English name ('Kumamoto')"
)

TEXT: dict[str, tuple[str, str]] = {
    # regions and places
    "err_region_type": (
        "地域は文字列か JIS コードで指定してください（{kind} {spec} が指定されました）。" + _FORMS_JA,
        "region must be a string or a JIS code, got {kind} {spec}; " + _FORMS_EN,
    ),
    "err_region_empty": ("地域が空です。" + _FORMS_JA, "region is empty; " + _FORMS_EN),
    "err_region_muni_code": (
        "JIS コード {spec} の都道府県はありません（市区町村コードのようです。その都道府県を指定してください。"
        "例: 43404 なら '43'）。" + _FORMS_JA,
        "no prefecture has JIS code {spec} (that looks like a municipality code; use its prefecture, "
        "e.g. '43' for 43404); " + _FORMS_EN,
    ),
    "err_region_bad_code": (
        "JIS コード {spec} の都道府県はありません（都道府県コードは 01〜47）。" + _FORMS_JA,
        "no prefecture has JIS code {spec} (prefecture codes are 01..47); " + _FORMS_EN,
    ),
    "err_region_unknown": ("地域 {spec} が見つかりません。" + _FORMS_JA, "unknown region {spec}; " + _FORMS_EN + "."),
    "err_region_unknown_close": (
        "地域 {spec} が見つかりません。{close} のことですか？ " + _FORMS_JA,
        "unknown region {spec}; " + _FORMS_EN + ". Did you mean {close}?",
    ),
    "err_area_empty": (
        "範囲が空です。面積のある多角形を描くか指定してください",
        "the area is empty: draw or give a polygon with an area",
    ),
    "err_pref_code_unknown": (
        "都道府県コード {code!r} はありません。JIS コード 01〜47 で指定してください（例: '43'）",
        "unknown prefecture code {code!r}: use a JIS code 01..47 (e.g. '43')",
    ),
    "err_lonlat_not_numbers": (
        "経度・緯度は度の数値にしてください（指定値 {lon}, {lat}）",
        "lon and lat must be numbers in degrees, got {lon}, {lat}",
    ),
    "err_lonlats_not_numbers": (
        "経度・緯度は度の数値にしてください（{problem}）",
        "longitudes and latitudes must be numbers in degrees: {problem}",
    ),
    "err_lonlats_count": (
        "経度 {n_lon} 個に対して緯度が {n_lat} 個です。地点ごとに 1 つずつ指定してください",
        "got {n_lon} longitudes but {n_lat} latitudes: give one of each per point",
    ),
    "err_tolerance_m": (
        "tolerance_m は 0 以上の有限の距離（m）にしてください（指定値 {value}）",
        "tolerance_m must be a finite distance >= 0 in metres, got {value}",
    ),
    # data the app ships with
    "err_data_missing": (
        "データファイル {path} がありません。`python {script}` で作成してください"
        "（../shared/data/{raw} か CHIIKI_MAP_SHARED の元データが必要です）",
        "data file {path} is missing: build it with `python {script}` "
        "(needs the raw data in ../shared/data/{raw} or CHIIKI_MAP_SHARED)",
    ),
    "err_labour_data_kind": (
        "労働データ {kind!r} はありません（population か talent）",
        "unknown labour data {kind!r}: use population or talent",
    ),
    # parameters
    "err_ids_unknown": (
        "{what} {ids} はありません。次のいずれかにしてください: {known}",
        "unknown {what} {ids}: use {known}",
    ),
    "err_distance_positive": (
        "{name} は正の距離（km）にしてください（指定値 {value}）",
        "{name} must be a positive number of kilometres, got {value}",
    ),
    "err_distance_not_negative": (
        "{name} は 0 以上の有限の距離にしてください（指定値 {value}）",
        "{name} must be a finite distance ≥ 0, got {value}",
    ),
    "err_layer_unknown": (
        "レイヤ {ids} はありません。有効な ID: {valid}",
        "unknown layer id(s) {ids}; valid ids: {valid}",
    ),
    "err_completeness_value": (
        "completeness は complete か partial にしてください（指定値 {value!r}）",
        "completeness must be complete or partial, got {value!r}",
    ),
    "err_land_no_import": (
        "取り込んだ用地ファイル {name!r} はありません。取込済み: {imported}",
        "no imported parcel file named {name!r}; imported: {imported}",
    ),
    "err_gaps_site_groups": (
        "クラスター別の集計には site_groups（候補地 ID → クラスター ID）が必要です",
        "aggregate by cluster needs site_groups (site_id -> cluster id)",
    ),
    "err_gaps_aggregate_by": (
        "{key!r} では集計できません。cluster、pref_code、block、field のいずれかにしてください",
        "cannot aggregate by {key!r}: use cluster, pref_code, block or field",
    ),
    # editable settings files (TOML)
    "err_toml_invalid": (
        "{path}: TOML として正しくありません（{problem}）。示された行を直してやり直してください",
        "{path}: not valid TOML ({problem}); fix the line named and try again",
    ),
    "err_toml_not_utf8": (
        "{path}: UTF-8 のテキストではありません。UTF-8 で保存してください",
        "{path}: not UTF-8 text; save the file as UTF-8",
    ),
    "err_req_not_found": (
        "必要条件ファイル {path} がありません。data/requirements.toml をリポジトリから戻すか、"
        "既存のファイルを指定してください",
        "requirements file not found: {path}; restore data/requirements.toml from the repository or pass an "
        "existing file",
    ),
    "err_req_value_text": (
        '{where}: {value} は読めません。距離（km、例: 10）か "not required" を書いてください',
        '{where}: {value} is not understood; write a distance in km (e.g. 10) or "not required"',
    ),
    "err_req_value_type": (
        '{where}: 距離（km）か "not required" にしてください（指定値 {value}）',
        '{where}: expected a distance in km or "not required", got {value}',
    ),
    "err_req_value_positive": (
        "{where}: 距離は正の数（km）にしてください（指定値 {value}）",
        "{where}: the distance must be a positive number of km, got {value}",
    ),
    "err_req_no_profiles": (
        "{where}: [profiles.*] の表がありません。少なくとも [profiles.default] を、"
        "{kinds} の値とともに追加してください",
        "{where}: no [profiles.*] tables found; add at least [profiles.default] with a value for each of {kinds}",
    ),
    "err_req_top_keys": (
        "{where}: 不明な最上位のキー {keys}。読むのは [meta] と [profiles.*] だけです",
        "{where}: unknown top-level key(s) {keys}; only [meta] and [profiles.*] are read",
    ),
    "err_req_profile_field": (
        "{where}: [profiles.{name}] は分野 ID ではありません。'default' か次のいずれかにしてください: {fields}",
        "{where}: [profiles.{name}] is not a field id; use 'default' or one of {fields}",
    ),
    "err_req_profile_table": (
        "{where}: profiles.{name} は 種類 = km の表にしてください",
        "{where}: profiles.{name} must be a table of kind = km",
    ),
    "err_req_profile_kinds": (
        "{where}: [profiles.{name}] に不明な種類 {unknown} があります。有効な種類: {kinds}",
        "{where}: [profiles.{name}] has unknown kind(s) {unknown}; valid kinds: {kinds}",
    ),
    "err_req_no_default": (
        "{where}: [profiles.default] がありません。独自の条件のない分野の上限で、{kinds} をすべて含める必要があります",
        "{where}: [profiles.default] is missing; it gives the limits for fields without their own profile and "
        "must list {kinds}",
    ),
    "err_req_default_lacks": (
        '{where}: [profiles.default] に {kinds} がありません。それぞれ距離（km）か "not required" を指定してください',
        '{where}: [profiles.default] lacks {kinds}; give each a distance in km or "not required"',
    ),
    "err_units_not_found": (
        "原単位ファイル {path} がありません。data/labour_units.toml を戻してください",
        "labour units file not found: {path}; restore data/labour_units.toml",
    ),
    "err_units_field": (
        "{where}: [units.{field}] は分野 ID ではありません。次のいずれかにしてください: {fields}",
        "{where}: [units.{field}] is not a field id; use one of {fields}",
    ),
    "err_units_not_table": (
        "{where}: units.{field} は jobs_per_100oku・basis・note の表にしてください",
        "{where}: units.{field} must be a table with jobs_per_100oku, basis and note",
    ),
    "err_units_rate": (
        "{where}: [units.{field}] の jobs_per_100oku は正の数にしてください（指定値 {value}）",
        "{where}: [units.{field}] jobs_per_100oku must be a positive number, got {value}",
    ),
    "err_units_basis": (
        '{where}: [units.{field}] の basis は "source"（公表値）か "assumption"（仮定）にしてください'
        "（指定値 {value}）",
        '{where}: [units.{field}] basis must be "source" (a published figure) or "assumption" (仮定), got {value}',
    ),
    "err_units_note": (
        "{where}: [units.{field}] に note（値の出典、または仮定の根拠）が必要です",
        "{where}: [units.{field}] needs a note: the source of the value, or what the assumption rests on",
    ),
    "err_units_keys": (
        "{where}: [units.{field}] に不明なキー {keys} があります",
        "{where}: [units.{field}] has unknown key(s) {keys}",
    ),
    "err_units_top_keys": (
        "{where}: 不明な最上位のキー {keys}。読むのは [meta] と [units.*] だけです",
        "{where}: unknown top-level key(s) {keys}; only [meta] and [units.*]",
    ),
    "err_units_tables": (
        "{where}: [units] には分野 ID ごとの表を置いてください",
        "{where}: [units] must hold one table per field id",
    ),
    # online sources
    "err_overpass_offline": (
        "ネットワーク（Overpass、{host}: {problem}）に接続できません。読込済みデータはそのまま使えます。"
        "OSM ファイル（Geofabrik の .osm.pbf など）を入手して `chiiki-map load-osm FILE --region R` "
        "で読み込んでください",
        "OpenStreetMap/Overpass is unreachable ({host}: {problem}). Network access to Overpass is not available; "
        "the committed and cached layers stay in use. To add OSM data offline, download an extract elsewhere "
        "(e.g. Geofabrik .osm.pbf, or an Overpass/JOSM .osm export) and import it with "
        "`chiiki-map load-osm FILE --region R`.",
    ),
    "err_overpass_offline_during": (
        "レイヤ {layer!r} の取得中にネットワーク（Overpass、{host}: {problem}）に接続できなくなりました。"
        "それまでに取得したレイヤは保存済みです。OSM ファイルを入手して `chiiki-map load-osm FILE --region R` で"
        "読み込むこともできます",
        "OpenStreetMap/Overpass is unreachable ({host}: {problem} during layer {layer!r}; layers fetched before it "
        "are cached). To add OSM data offline, download an extract elsewhere (e.g. Geofabrik .osm.pbf) and import "
        "it with `chiiki-map load-osm FILE --region R`.",
    ),
    "err_overpass_failed": (
        "レイヤ {layer!r} の Overpass への問い合わせに失敗しました（{problem}）。取得済みのレイヤは保存済みです。"
        "後でやり直すか、ファイルを読み込んでください",
        "Overpass request failed for layer {layer!r}: {problem}. Layers fetched so far are cached; try again "
        "later or import a file.",
    ),
    "err_overpass_region_too_large": (
        "地域 {region!r} は Overpass には大きすぎます。ブロックか都道府県で取得してください",
        "region {region!r} is too large for Overpass; fetch a block or a prefecture",
    ),
}
