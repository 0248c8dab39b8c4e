"""The linkage model: which pairs are compared (blocking) and how (comparisons).

Each comparison turns one aspect of two records into a level ("same tokens in
any order", "day and month swapped"...); the Fellegi-Sunter model gives each
level a match weight estimated without labels (EM). Custom conditions are
written in DuckDB SQL and translated by Splink for Spark.
"""

from pathlib import Path

import splink.comparison_level_library as cll
import splink.comparison_library as cl
from splink import SettingsCreator, block_on

DUCKDB = "duckdb"
# Estimated on the synthetic district exports (bench/identity, 40k records, seed 1);
# used when an input is too small to estimate a model without labels.
DEFAULT_MODEL = Path(__file__).resolve().parent / "data" / "default_model.json"
MIN_TRAINING_RECORDS = 2000

# Values shared by more records than this are not identifiers (an office's own
# phone written for every client, a shelter's address): they still count as
# evidence with a term-frequency adjustment, but generate no candidate pairs.
SHARED_VALUE_LIMIT = 8
BLOCKING_IDENTIFIERS = ("phone", "email", "document", "address_key")
# A folded name part carried by more records than this ("RS": Rossi, Rosa,
# Rosi...) is too common to pair records on its own with a birth year.
COMMON_TOKEN_LIMIT = 1500


def _custom(sql: str, label: str, *, null: bool = False):
    level = cll.CustomLevel(sql, label_for_charts=label, base_dialect_str=DUCKDB)
    return level.configure(is_null_level=True) if null else level


def name_comparison():
    return cl.CustomComparison(
        output_column_name="name",
        comparison_description="Names compared as tokens in any order",
        comparison_levels=[
            cll.NullLevel("name_key"),
            cll.ExactMatchLevel("name_key").configure(
                tf_adjustment_column="name_key", label_for_charts="Same names (any order)"
            ),
            cll.ExactMatchLevel("formal_key").configure(
                label_for_charts="Same names once nicknames are expanded"
            ),
            cll.ExactMatchLevel("fold_key").configure(label_for_charts="Same names up to transliteration"),
            # Typos only between names with as many parts: Jaro-Winkler rewards a
            # shared beginning, so "CAMPBELL" would look like "CAMPBELL JACK".
            cll.And(
                cll.JaroWinklerLevel("name_key", 0.92),
                _custom("name_parts_l = name_parts_r", "as many name parts"),
            ).configure(label_for_charts="Names with a typo"),
            cll.LevenshteinLevel("fold_key", 1).configure(
                label_for_charts="Names alike up to transliteration and a typo"
            ),
            cll.And(cll.ArraySubsetLevel("fold_tokens"), cll.ArrayIntersectLevel("fold_tokens", 2)).configure(
                label_for_charts="One name contains the other (compound or extra names)"
            ),
            cll.ArrayIntersectLevel("fold_tokens", 2).configure(label_for_charts="Two name parts in common"),
            # One folded part in common is too weak a coincidence ("SHAKIRAH" and
            # "ZACHARY" both fold to "SKR"): the last level wants the same word.
            cll.ArrayIntersectLevel("name_tokens", 1).configure(label_for_charts="One name part in common"),
            cll.ElseLevel(),
        ],
    )


def birth_date_comparison():
    both_days = "dob_precision_l = 'day' AND dob_precision_r = 'day'"
    return cl.CustomComparison(
        output_column_name="birth_date",
        comparison_description="Dates of birth, respecting their precision",
        comparison_levels=[
            cll.NullLevel("birth_year_min"),
            cll.And(cll.ExactMatchLevel("dob"), _custom(both_days, "both full dates")).configure(
                label_for_charts="Same date of birth"
            ),
            _custom(
                f"{both_days} AND birth_year_min_l = birth_year_min_r "
                "AND birth_month_l = birth_day_r AND birth_day_l = birth_month_r",
                "Day and month swapped",
            ),
            cll.And(cll.DamerauLevenshteinLevel("dob", 1), _custom(both_days, "both full dates")).configure(
                label_for_charts="Dates one character apart"
            ),
            _custom(
                "(dob_precision_l <> 'day' OR dob_precision_r <> 'day') "
                "AND birth_core_min_l <= birth_core_max_r AND birth_core_min_r <= birth_core_max_l",
                "Same birth year (year only, 1 January or declared age)",
            ),
            _custom(
                "(dob_precision_l <> 'day' OR dob_precision_r <> 'day') "
                "AND birth_year_min_l <= birth_year_max_r AND birth_year_min_r <= birth_year_max_l",
                "Birth years compatible within the age tolerance",
            ),
            _custom(
                "ABS((birth_year_min_l + birth_year_max_l) - (birth_year_min_r + birth_year_max_r)) <= 4",
                "Birth years within two years",
            ),
            cll.ElseLevel(),
        ],
    )


# Identifiers' error rates are fixed, not estimated: EM without labels cannot
# tell "the same person" from "the same household" (same surname, address and
# phone), and learns that relatives' different codes or sexes are common among
# matches. Administrative data get a codice fiscale right about 9 times in 10
# (typos, omocodia variants, codes recomputed from other spellings) and sex
# almost always.
IDENTIFIER_M = {"exact": 0.85, "typo": 0.05, "other": 0.10}
SEX_M = {"exact": 0.98, "other": 0.02}


def tax_code_comparison():
    return cl.CustomComparison(
        output_column_name="tax_code",
        comparison_description="Codici fiscali, omocodia folded",
        comparison_levels=[
            cll.NullLevel("cf"),
            cll.ExactMatchLevel("cf").configure(
                label_for_charts="Same codice fiscale",
                m_probability=IDENTIFIER_M["exact"],
                fix_m_probability=True,
            ),
            cll.DamerauLevenshteinLevel("cf", 1).configure(
                label_for_charts="Codici fiscali one character apart",
                m_probability=IDENTIFIER_M["typo"],
                fix_m_probability=True,
            ),
            # No level for "same date, sex and place part": it repeats the date
            # comparison and is what twins share; recomputed codes are handled by
            # the names and dates, and by the clustering's `explainable` rule.
            cll.ElseLevel().configure(m_probability=IDENTIFIER_M["other"], fix_m_probability=True),
        ],
    )


def origin_comparison():
    return cl.CustomComparison(
        output_column_name="origin",
        comparison_description="Place and country of birth, citizenship",
        comparison_levels=[
            _custom(
                "(birth_place_l IS NULL AND birth_country_l IS NULL AND citizenship_l IS NULL) "
                "OR (birth_place_r IS NULL AND birth_country_r IS NULL AND citizenship_r IS NULL)",
                "Origin missing",
                null=True,
            ),
            cll.ExactMatchLevel("birth_place").configure(
                tf_adjustment_column="birth_place", label_for_charts="Same place of birth"
            ),
            _custom(
                "COALESCE(birth_country_l, citizenship_l) = COALESCE(birth_country_r, citizenship_r)",
                "Same country of birth or citizenship",
            ),
            cll.ElseLevel(),
        ],
    )


def address_comparison():
    return cl.CustomComparison(
        output_column_name="address",
        comparison_description="Street and house number, abbreviations expanded",
        comparison_levels=[
            cll.NullLevel("street"),
            cll.ExactMatchLevel("address_key").configure(
                tf_adjustment_column="address_key", label_for_charts="Same address"
            ),
            cll.ExactMatchLevel("street").configure(label_for_charts="Same street"),
            cll.JaroWinklerLevel("street", 0.9).configure(
                label_for_charts="Similar street", m_probability=0.05, u_probability=0.005
            ),
            cll.ElseLevel(),
        ],
    )


def _identifier(column: str, label: str, *, typo_level: bool = False):
    """A personal identifier: agreement is strong evidence, disagreement weak (codes get renewed).

    Starting values stand in where a run never observes agreement (EM and
    random sampling cannot estimate a level they never see)."""
    exact, typo = 0.5, 0.05  # temporary codes and documents are renewed: disagreement is common
    levels = [
        cll.NullLevel(column),
        cll.ExactMatchLevel(column).configure(
            label_for_charts=f"Same {label}", m_probability=exact, u_probability=1e-6, fix_m_probability=True
        ),
    ]
    if typo_level:
        levels.append(
            cll.DamerauLevenshteinLevel(column, 1).configure(
                label_for_charts=f"{label.capitalize()} one character apart",
                m_probability=typo,
                u_probability=1e-6,
                fix_m_probability=True,
            )
        )
    other = 1 - exact - (typo if typo_level else 0)
    levels.append(cll.ElseLevel().configure(m_probability=other, u_probability=1.0, fix_m_probability=True))
    return cl.CustomComparison(
        output_column_name=column, comparison_levels=levels, comparison_description=label
    )


def comparisons():
    return [
        name_comparison(),
        birth_date_comparison(),
        cl.CustomComparison(
            output_column_name="sex",
            comparison_levels=[
                cll.NullLevel("sex"),
                cll.ExactMatchLevel("sex").configure(m_probability=SEX_M["exact"], fix_m_probability=True),
                cll.ElseLevel().configure(m_probability=SEX_M["other"], fix_m_probability=True),
            ],
        ),
        tax_code_comparison(),
        _identifier("temp_code", "STP/ENI code"),
        _identifier("document", "document number", typo_level=True),
        origin_comparison(),
        address_comparison(),
        cl.ExactMatch("phone").configure(term_frequency_adjustments=True),
        _identifier("email", "e-mail"),
    ]


def blocking_rules():
    """Candidate pairs: any strong identifier, or names that fold alike with compatible birth years.

    The name rules need no tax code, so records without one (or with a wrong
    one) are still compared; "fold_tokens x birth_years" pairs records sharing
    one folded name part and one possible birth year (a declared age allows
    several), which keeps swapped, compound and transliterated names."""
    return [
        block_on("cf"),
        block_on("temp_code"),
        block_on("document_block"),
        block_on("phone_block"),
        block_on("email_block"),
        block_on("name_key"),
        block_on("fold_key", "birth_years", arrays_to_explode=["birth_years"]),
        block_on("given_fold", "family_fold", "birth_years", arrays_to_explode=["birth_years"]),
        block_on("rare_tokens", "birth_years", arrays_to_explode=["rare_tokens", "birth_years"]),
        block_on("dob_block"),
        block_on("cf_date_place_part", "family_fold"),
        block_on("address_key_block", "birth_year_min"),
    ]


def deterministic_rules():
    """Pairs almost surely the same person, to estimate how common matches are."""
    return [
        "l.cf = r.cf AND l.cf_trusted AND r.cf_trusted",
        block_on("name_key", "dob"),
        block_on("temp_code"),
    ]


def settings(*, link_type: str = "dedupe_only") -> SettingsCreator:
    return SettingsCreator(
        link_type=link_type,
        unique_id_column_name="unique_id",
        comparisons=comparisons(),
        blocking_rules_to_generate_predictions=blocking_rules(),
        retain_intermediate_calculation_columns=False,
        retain_matching_columns=False,
    )
