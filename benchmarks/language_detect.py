"""Language detection for the offline path: import time, time per article and accuracy of
pycld2 (what factcheck uses) against the stopword-share heuristic factcheck already had
(``markup.english_share``), and any of py3langid / langdetect that happen to be installed.

What matters is one decision: is this article English (read it) or not (skip it, say so)?
A false "not English" loses an article, so it is counted apart.

English: every article of examples/seed and evals/v1, and ../shared/realnews-dev when present
(read in place, never copied). Other languages: short news paragraphs written for this
benchmark (German, Spanish, French, Portuguese, Italian, Turkish, Dutch).

    python benchmarks/language_detect.py
"""

from __future__ import annotations

import importlib
import statistics
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

OTHER = {
    "de": [
        "Der Stadtrat hat am Montag nach einer langen Debatte den Haushalt für das kommende Jahr "
        "beschlossen. Etwa 4.000 Einwohner verfolgten die Sitzung, sagte der Bürgermeister.",
        "Bei dem Unfall auf der Autobahn wurden drei Menschen schwer verletzt. Die Polizei sperrte "
        "die Strecke für mehrere Stunden und leitete den Verkehr um.",
        "Die Gewerkschaft kündigte einen Streik an, nachdem die Verhandlungen mit dem Unternehmen "
        "gescheitert waren. Rund 2.000 Beschäftigte sollen ab Dienstag die Arbeit niederlegen.",
    ],
    "es": [
        "El gobierno anunció el martes un nuevo plan de vivienda que costará unos 2.000 millones "
        "de euros, según informó el ministerio en un comunicado.",
        "Más de 8.000 migrantes avanzan en una caravana hacia la frontera norte, dijeron las "
        "autoridades, que prevén reforzar los controles en los próximos días.",
        "La reunión entre los dos presidentes duró casi tres horas y terminó sin un acuerdo, "
        "aunque ambos se comprometieron a seguir negociando.",
    ],
    "fr": [
        "Le conseil municipal a voté lundi soir le budget de la ville après un long débat. Environ "
        "300 habitants ont assisté à la séance, selon la mairie.",
        "La tempête a privé d'électricité près de 40 % des foyers du département, a indiqué le "
        "gestionnaire du réseau, qui a mobilisé des équipes de toute la région.",
        "Les syndicats appellent à une nouvelle journée de grève jeudi pour protester contre la "
        "réforme, qui doit être examinée par le Sénat la semaine prochaine.",
    ],
    "pt": [
        "O governo anunciou nesta terça-feira um pacote de medidas para conter a inflação, que "
        "chegou a 6 por cento no último trimestre, segundo o instituto de estatística.",
        "Cerca de 5.000 pessoas participaram da manifestação no centro da cidade, de acordo com "
        "a polícia militar, que não registrou incidentes graves.",
    ],
    "it": [
        "Il consiglio comunale ha approvato ieri sera il nuovo piano del traffico dopo una seduta "
        "durata quasi quattro ore, ha detto il sindaco ai giornalisti.",
        "Secondo la protezione civile, circa 1.200 persone sono state evacuate a causa delle "
        "alluvioni che hanno colpito la regione nel fine settimana.",
    ],
    "tr": [
        "Belediye meclisi pazartesi günü yapılan toplantıda yeni bütçeyi onayladı. Toplantıya "
        "yaklaşık 4.000 kişinin katıldığı bildirildi.",
        "Yetkililer, depremde en az 12 kişinin hayatını kaybettiğini ve yüzlerce binanın hasar "
        "gördüğünü açıkladı.",
    ],
    "nl": [
        "De gemeenteraad heeft maandagavond na een lang debat de begroting goedgekeurd. Ongeveer "
        "300 inwoners woonden de vergadering bij, zei de burgemeester.",
        "Door de storm zaten tienduizenden huishoudens urenlang zonder stroom, meldde de "
        "netbeheerder, die extra monteurs heeft ingezet.",
    ],
}


def english_texts() -> list[str]:
    from factcheck.ingest import read_article

    paths = sorted((ROOT / "examples" / "seed").glob("*.txt"))
    paths += sorted(p for p in (ROOT / "evals" / "v1").rglob("*") if p.suffix in (".txt", ".md"))
    shared = ROOT.parent / "shared" / "realnews-dev" / "clusters"
    if shared.is_dir():
        paths += sorted(shared.rglob("*.txt"))
    return [read_article(p).text for p in paths]


def _heuristic(text: str) -> bool:
    from factcheck.ingest.markup import english_share

    return english_share(text) >= 0.08


def _pycld2(text: str) -> bool:
    from factcheck.ingest.language import detect_language

    found = detect_language(text)
    return found is None or found.is_english


def _py3langid(text: str) -> bool:
    import py3langid  # type: ignore[import-not-found]

    return bool(py3langid.classify(text)[0] == "en")


def _langdetect(text: str) -> bool:
    import langdetect  # type: ignore[import-not-found]

    langdetect.DetectorFactory.seed = 0
    return bool(langdetect.detect(text) == "en")


DETECTORS: dict[str, tuple[str | None, Callable[[str], bool]]] = {
    "stopword share (had)": (None, _heuristic),
    "pycld2 (chosen)": ("pycld2", _pycld2),
    "py3langid": ("py3langid", _py3langid),
    "langdetect": ("langdetect", _langdetect),
}


def import_seconds(module: str) -> float:
    code = f"import time; t = time.perf_counter(); import {module}; print(time.perf_counter() - t)"
    runs = [
        float(
            subprocess.run(
                [sys.executable, "-c", code], capture_output=True, text=True, check=True
            ).stdout
        )
        for _ in range(3)
    ]
    return statistics.median(runs)


def main() -> None:
    english = english_texts()
    other = [(code, t) for code, texts in OTHER.items() for t in texts]
    print(
        f"{len(english)} English articles, {len(other)} paragraphs in {len(OTHER)} other "
        "languages\n"
    )
    print(
        f"{'detector':22} {'import s':>8} {'first s':>8} {'ms/art':>7} "
        f"{'English lost':>12} {'other read':>10}"
    )
    for name, (module, is_english) in DETECTORS.items():
        if module is not None and importlib.util.find_spec(module) is None:
            print(f"{name:22} (not installed)")
            continue
        imported = import_seconds(module) if module else 0.0
        start = time.perf_counter()
        is_english(english[0])
        first = time.perf_counter() - start
        start = time.perf_counter()
        lost = sum(not is_english(t) for t in english)
        missed = sum(is_english(t) for _code, t in other)
        per = (time.perf_counter() - start) / (len(english) + len(other))
        print(
            f"{name:22} {imported:8.3f} {first:8.3f} {1000 * per:7.2f} "
            f"{lost:>6d}/{len(english):<5d} {missed:>4d}/{len(other):<5d}"
        )


if __name__ == "__main__":
    main()
