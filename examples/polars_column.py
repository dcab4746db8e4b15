"""Spell-check a text column of a Polars dataframe with lialia, cell by cell.

    pip install 'lialia[polars]'
    python examples/polars_column.py

Written as notebook cells (``# %%``): run it whole, or cell by cell in an editor that
knows them (VS Code, Spyder, Jupytext).
"""

# %% A column of short texts, as a survey or a support queue gathers them: Arabic with
# vowel marks or without, Latin names, numbers, a quotation of the Quran, a missing value
import polars as pl

from lialia.integrations.polars import check_column, correct_column, findings

reviews = pl.DataFrame(
    {
        "id": ["r1", "r2", "r3", "r4", "r5"],
        "text": [
            "ذهبت الى المكتبه يوم 12 مارس وقرأت كتاب Python",
            "الخدمة ممتازة والتطبيق سريع جدا",
            None,
            "قال تعالى \N{ORNATE RIGHT PARENTHESIS}الى المدرسه\N{ORNATE LEFT PARENTHESIS}"
            " وكتبت الَى صديقي",
            "اكثر من 3 مرات وصل الطلب متاخرا",
        ],
    }
)

# %% The long table: one row a finding, with the cell it was found in (here the id
# column), where (offsets in code points), how wrong, the best suggestion and the fix
# that `lialia check --fix` would write (null when lialia is not sure enough)
table = check_column(reviews, "text", id_column="id")
for row in table.select("id", "word", "start", "severity", "best", "fix").iter_rows():
    print(*("-" if value is None else value for value in row), sep="\t")

# %% The same findings as a column of structs beside each text (an expression: it
# composes with others, and runs on a lazy frame too)
counted = (
    reviews.lazy()
    .with_columns(found=findings("text"))
    .select("id", pl.col("found").list.len().alias("findings"))
)
print(counted.collect().rows())

# %% Only the fixes lialia is sure of, into a new column: misspellings with a clear best
# suggestion; never the quotation of the Quran, never a probable variant (اكثر), and the
# vowel marks of الَى kept
fixed = correct_column(reviews, "text", into="fixed")
for text, new in fixed.select("text", "fixed").iter_rows():
    if text != new:
        print(f"{text}\n  -> {new}")
