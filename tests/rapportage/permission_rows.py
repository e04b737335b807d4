"""Permission rows for the yearly overview: readers and coordinators of the village.

Without `village=` everyone who may read reports gets their own villages (so a coordinator of
another village sees theirs: 200). With `village=<this village>` only this village's reader
and coordinator get in; a coordinator of another village gets a 404.
"""

from tests.permission_rows import OK, REDIRECT, Row, only

READERS = only({"coordinator": OK, "reader": OK, "other_coordinator": OK})
THIS_VILLAGE = only({"coordinator": OK, "reader": OK})


def this_village(w):
    return {"village": w.village.slug, "year": 2024}


def table(w):
    return {"table": "one_off"}


ROWS = [
    Row("rapportage:overview", THIS_VILLAGE, data=this_village, id="overview-this-village"),
    Row("rapportage:pdf", READERS),
    Row("rapportage:pdf", THIS_VILLAGE, data=this_village, id="pdf-this-village"),
    Row("rapportage:xlsx", READERS),
    Row("rapportage:xlsx", THIS_VILLAGE, data=this_village, id="xlsx-this-village"),
    Row("rapportage:json", READERS),
    Row("rapportage:json", THIS_VILLAGE, data=this_village, id="json-this-village"),
    Row("rapportage:csv", READERS, kwargs=table),
    Row("rapportage:csv", THIS_VILLAGE, kwargs=table, data=this_village, id="csv-this-village"),
]

COORDINATOR_ONLY = only({"coordinator": OK})


def year_text_kwargs(w):
    return {"village": w.village.slug, "year": 2024}


ROWS += [
    Row("rapportage:presentation", READERS),
    Row(
        "rapportage:presentation",
        THIS_VILLAGE,
        data=this_village,
        id="presentation-this-village",
    ),
    Row("rapportage:year_text", COORDINATOR_ONLY, kwargs=year_text_kwargs),
    Row(
        "rapportage:year_text",
        only({"coordinator": REDIRECT}),
        kwargs=year_text_kwargs,
        method="post",
        data={"foreword": "Een mooi jaar.", "thanks": "Dank aan iedereen."},
        id="year_text-post",
    ),
]


ROWS += [
    Row("rapportage:municipal", READERS),
    Row("rapportage:municipal", THIS_VILLAGE, data=this_village, id="municipal-this-village"),
    Row("rapportage:municipal_pdf", READERS),
    Row(
        "rapportage:municipal_pdf", THIS_VILLAGE, data=this_village, id="municipal_pdf-this-village"
    ),
    Row("rapportage:municipal_csv", READERS),
    Row(
        "rapportage:municipal_csv", THIS_VILLAGE, data=this_village, id="municipal_csv-this-village"
    ),
    Row(
        "rapportage:social_value_rate",
        COORDINATOR_ONLY,
        kwargs=lambda w: {"village": w.village.slug},
    ),
    Row(
        "rapportage:social_value_rate",
        only({"coordinator": REDIRECT}),
        kwargs=lambda w: {"village": w.village.slug},
        method="post",
        data={"hourly_rate": "15,00", "km_rate": "0,23", "source": "Eigen vrijwilligersbeleid"},
        id="social_value_rate-post",
    ),
]
