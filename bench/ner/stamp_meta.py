"""Write newsdesk's name, description and the GMB attribution into a trained pipeline's meta.json.

python bench/ner/stamp_meta.py index/models/ner
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

ATTRIBUTION = (
    "Contains the Annotated Corpus for Named Entity Recognition by Abhinav Walia (Kaggle), derived from the "
    "Groningen Meaning Bank (Bos et al. 2017, University of Groningen), licensed under the Open Database License "
    "(ODbL) v1.0; sentence text from Voice of America."
)


def main() -> None:
    path = Path(sys.argv[1]) / "meta.json"
    meta = json.loads(path.read_text(encoding="utf-8"))
    meta.update(
        name="newsdesk_ner",
        version="1.0.0",
        description="newsdesk person/org/place recogniser (PER, ORG, LOC); trained on GMB only. " + ATTRIBUTION,
        author="newsdesk",
        license="weights: produced work of an ODbL-1.0 database (attribution in description)",
        sources=[
            {
                "name": "Annotated Corpus for Named Entity Recognition (GMB extract)",
                "url": "https://www.kaggle.com/datasets/abhinavwalia95/entity-annotated-corpus",
                "license": "ODbL-1.0 (database), DbCL-1.0 (contents)",
                "author": "Abhinav Walia; Groningen Meaning Bank (Bos et al. 2017); text: Voice of America",
            }
        ],
    )
    path.write_text(json.dumps(meta, indent=2) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
