#!/usr/bin/env bash
# Train the newsdesk NER model (GMB only; ODbL, may ship) and, optionally, the research-only CoNLL
# comparison model. Run from the repository root. Single process, CPU; ~15-25 min on 2 shared cores.
#
#   bench/ner/train.sh            # GMB model -> /tmp/ner-runs/gmb, then evaluate
#   bench/ner/train.sh install    # copy /tmp/ner-runs/gmb/model-best to index/models/ner
#   bench/ner/train.sh conll      # RESEARCH ONLY: CoNLL model -> /tmp/ner-runs/conll (never ship it)
set -euo pipefail
export OMP_NUM_THREADS=1 OPENBLAS_NUM_THREADS=1 MKL_NUM_THREADS=1
cd "$(dirname "$0")/../.."

case "${1:-gmb}" in
gmb)
    pip install -q pycountry  # training-time only (org spans that are country names -> LOC)
    python3 bench/ner/prepare.py --out /tmp/ner-data5
    python3 -m spacy train bench/ner/config.cfg --output /tmp/ner-runs/gmb \
        --paths.train /tmp/ner-data5/gmb-train.spacy --paths.dev /tmp/ner-data5/gmb-dev.spacy
    python3 bench/ner/evaluate.py /tmp/ner-runs/gmb/model-best --errors 40
    ;;
install)
    rm -rf index/models/ner
    cp -r /tmp/ner-runs/gmb/model-best index/models/ner
    python3 bench/ner/stamp_meta.py index/models/ner   # name + GMB/ODbL attribution in meta.json
    ;;
conll)
    # Research comparison only: the output stays under /tmp and must never be copied into the repo.
    python3 bench/ner/prepare.py --conll --out /tmp/ner-conll
    python3 -m spacy train bench/ner/config.cfg --output /tmp/ner-runs/conll \
        --paths.train /tmp/ner-conll/conll-train.spacy --paths.dev /tmp/ner-conll/conll-heldout.spacy \
        --training.max_steps 5000
    python3 bench/ner/evaluate.py /tmp/ner-runs/conll/model-best --reuters-limit 0
    ;;
*)
    echo "usage: $0 [gmb|install|conll]" >&2; exit 2
    ;;
esac
