"""A classic multilingual keyword dictionary: the yardstick the classifier must beat.

Each signal has stems in six languages; a sentence carries a signal when any stem occurs.
This is what event coders did before learned models, and it is the baseline in the model
card and the benchmarks (about 300 keywords, one compiled regex per signal).
"""

from __future__ import annotations

import re
from collections.abc import Sequence

import numpy as np

from scoring.taxonomy import SIGNAL_NAMES

KEYWORDS: dict[str, list[str]] = {
    "summons": [
        "summon", "called in the ambassador", "protest note", "démarche", "einbestell", "zitiert",
        "protestnote", "convoqu", "convoca", "citó al embajador", "nota de protesta", "convocat",
        "nota di protesta", "вызва", "вызван", "нота протеста", "einberuf", "beruft", "berief",
    ],
    "expulsion": [
        "expel", "expulsion", "persona non grata", "recall", "close the embassy", "closed its embassy",
        "sever", "downgrad", "ausgewiesen", "auszuweis", "ausweis", "persona non grata",
        "abberuf", "zurückgerufen", "schließung der botschaft", "expuls", "rappel", "rompt",
        "expulsa", "expulsó", "retir", "ruptura", "espuls", "richiam", "rottura", "высыла",
        "выслать", "выслан", "отзыв", "отозва", "разрыв", "закрыти",
    ],
    "sanctions": [
        "sanction", "embargo", "export control", "asset freeze", "froze assets", "tariff",
        "entry ban", "blacklist", "sanktion", "embargo", "exportkontroll", "einreiseverbot",
        "strafzöll", "sancion", "sanción", "arancel", "congela", "gel des avoirs", "droits de douane",
        "sanzion", "dazi", "санкци", "эмбарго", "пошлин", "запрет на въезд",
    ],
    "defence_pact": [
        "defence pact", "defense pact", "mutual defence", "mutual defense", "military alliance",
        "defence agreement", "defense agreement", "security pact", "military cooperation",
        "verteidigungsabkommen", "beistandspakt", "militärbündnis", "verteidigungspakt",
        "militärische zusammenarbeit", "pacte de défense", "accord de défense", "alliance militaire",
        "pacto de defensa", "acuerdo de defensa", "alianza militar", "patto di difesa",
        "accordo di difesa", "alleanza militare", "оборонн", "военный союз", "военно-техническ",
        "взаимной помощи",
    ],
    "arms_policy": [
        "arms deliver", "weapons deliver", "arms export", "arms sale", "arms ban", "weapons to",
        "waffenliefer", "rüstungsexport", "waffenexport", "livraisons d'armes", "exportations d'armes",
        "envío de armas", "venta de armas", "exportación de armas", "forniture di armi",
        "invio di armi", "export di armi", "поставк", "оружи",
    ],
    "threat": [
        "warn", "threat", "ultimatum", "retaliat", "consequences", "grave mistake", "warnt",
        "warnte", "droh", "vergeltung", "konsequenzen", "menac", "averti", "représailles",
        "amenaz", "advirt", "represalia", "minacc", "avvert", "rappresagli", "предупред",
        "пригрози", "угрож", "ответные меры", "последстви",
    ],
    "military_posture": [
        "exercise", "drill", "deploy", "mobilis", "mobiliz", "incursion", "airspace", "warship",
        "troops", "manöver", "übung", "stationier", "verleg", "luftraum", "truppen", "exercice",
        "manœuvre", "déploi", "espace aérien", "ejercicio", "maniobra", "despleg", "espacio aéreo",
        "esercitazion", "manovr", "dispiega", "spazio aereo", "учени", "маневр", "разверну",
        "воздушное пространство", "войск",
    ],
    "weapons_test": [
        "missile", "ballistic", "launch", "nuclear test", "fired", "test-fire", "rakete",
        "raketentest", "atomtest", "abgefeuert", "feuerte", "missile balistique", "tir",
        "essai nucléaire", "misil", "lanzó", "lanzamiento", "prueba nuclear", "lancio",
        "test nucleare", "ракет", "пуск", "испытани", "запуск",
    ],
    "armed_clash": [
        "attack", "strike", "airstrike", "shelling", "clash", "shot down", "killed", "bomb",
        "angriff", "angegriffen", "luftangriff", "beschuss", "gefecht", "abgeschossen",
        "attaque", "frappe", "bombard", "affrontement", "abattu", "ataque", "bombarde",
        "enfrentamiento", "derrib", "attacco", "raid", "bombard", "scontri", "abbattuto",
        "удар", "атак", "обстрел", "столкновени", "сбит",
    ],
    "accusation": [
        "accus", "condemn", "criticis", "criticiz", "denounc", "blame", "vorwurf", "vorwerf",
        "verurteil", "kritisier", "beschuldig", "accuse", "condamn", "critiqu", "dénonc",
        "acusa", "conden", "critic", "denunci", "culp", "accusa", "condann", "обвин", "осуди",
        "осужда", "раскритик",
    ],
    "talks": [
        "talks", "summit", "negotiat", "met with", "phone call", "visit", "mediat", "gespräch",
        "gipfel", "verhandl", "telefonat", "besuch", "vermittl", "pourparlers", "sommet",
        "négoci", "entretien", "visite", "médiation", "conversaciones", "cumbre", "negocia",
        "reunión", "visita", "mediación", "colloqui", "vertice", "negoziat", "incontro",
        "переговор", "саммит", "встреч", "визит", "телефонн",
    ],
    "cooperation": [
        "agreement", "ceasefire", "normalis", "normaliz", "restore", "prisoner exchange",
        "lifted sanctions", "abkommen", "waffenruhe", "waffenstillstand", "normalisier",
        "gefangenenaustausch", "accord", "cessez-le-feu", "échange de prisonniers", "acuerdo",
        "alto el fuego", "intercambio de prisioneros", "accordo", "cessate il fuoco",
        "scambio di prigionieri", "соглашени", "перемири", "обмен пленными", "нормализ",
    ],
}


class KeywordBaseline:
    """Signals by keyword: a sentence carries a signal when one of its stems occurs."""

    def __init__(self, keywords: dict[str, list[str]] | None = None) -> None:
        self.keywords = keywords or KEYWORDS
        self.patterns = [
            re.compile("|".join(re.escape(k) for k in self.keywords[s]), re.IGNORECASE)
            for s in SIGNAL_NAMES
        ]

    def predict(self, texts: Sequence[str]) -> np.ndarray:
        """0/1 signal matrix, shape (n, 12)."""
        out = np.zeros((len(texts), len(SIGNAL_NAMES)), dtype=np.int8)
        for i, text in enumerate(texts):
            for j, pattern in enumerate(self.patterns):
                if pattern.search(text):
                    out[i, j] = 1
        return out

    @property
    def size(self) -> int:
        """How many keywords the dictionary holds."""
        return sum(len(v) for v in self.keywords.values())
