"""Per-entity evidence: the totals the research supports, and the rules every pair follows."""

from __future__ import annotations

from collections import Counter

from kb import KnowledgeBase

# Research pass 3 (msc-evidence-v3.yaml) lists 111 pairs (105 with Must or Should) across the 13 types. The
# accuracy review withdraws 12.5 for customs brokers (one pair, one designation) and makes six importer pairs
# presence-only (3.1, 3.4, 3.5, 5.8, 5.14, 5.29: listed, Must/Should not known).
PAIRS = {"importers": 18, "exporters": 10, "foreign_manufacturers": 13, "highway_carriers": 10,
         "mexican_long_haul_carriers": 9, "rail_carriers": 6, "sea_carriers": 4, "air_carriers": 7,
         "consolidators": 11, "customs_brokers": 4, "us_marine_port_terminal_operators": 3,
         "foreign_marine_port_terminal_operators": 2, "third_party_logistics_providers": 13}
DESIGNATIONS_WITHDRAWN = {"importers": 6}
PRESENCE_ONLY_IMPORTER_IDS = {"3.1", "3.4", "3.5", "5.8", "5.14", "5.29"}


def _listed(kb: KnowledgeBase) -> Counter[str]:
    return Counter(slug for c in kb.criteria.values() for slug, p in c.entities.items()
                   if p.status in ("must", "should", "applies", "disputed") and not p.inferred)


def test_pairs_per_entity_type_match_the_research(kb: KnowledgeBase) -> None:
    assert dict(_listed(kb)) == PAIRS
    assert sum(PAIRS.values()) == 110


def test_designations_per_type_match_the_research(kb: KnowledgeBase) -> None:
    designations = Counter(slug for c in kb.criteria.values() for slug, p in c.entities.items()
                           if p.status in ("must", "should"))
    assert sum(designations.values()) == 105 - 1 - sum(DESIGNATIONS_WITHDRAWN.values())
    assert {c.id for c in kb.criteria.values() if (p := c.pair("importers")) and p.status == "applies"} >= \
        PRESENCE_ONLY_IMPORTER_IDS


def test_no_pair_is_confirmed_without_a_source(kb: KnowledgeBase) -> None:
    assert all(p.sources for c in kb.criteria.values() for p in c.entities.values())


def test_an_inference_is_never_confirmed(kb: KnowledgeBase) -> None:
    inferred = [p for c in kb.criteria.values() for p in c.entities.values() if p.inferred]
    assert inferred and all(p.status == "not_listed" and not p.confirmed and p.note for p in inferred)
    assert all(kb.evidence_level(p) == "omission" for p in inferred)


def test_disputed_pairs_name_both_sides(kb: KnowledgeBase) -> None:
    disputed = [(c, p) for c in kb.criteria.values() for p in c.entities.values() if p.status == "disputed"]
    assert {c.id for c, _ in disputed} == {"7.4"}
    for c, p in disputed:
        kinds = {kb.sources[s].kind for s in p.sources}
        assert len(p.sources) >= 2 and "deck" in kinds and "secondary" in kinds, c.id
        assert not p.confirmed
    assert kb.criteria["7.4"].designation == "disputed" and kb.criteria["5.1"].designation == "disputed"


def test_withheld_and_new_criteria(kb: KnowledgeBase) -> None:
    assert kb.criteria["12.5"].entities == {} and kb.criteria["12.5"].designation == "unknown"
    assert kb.criteria["12.5"].confidence == "unverified"
    air = kb.criteria["7.3"].pair("air_carriers")
    assert air and air.status == "must" and kb.evidence_level(air) == "deck"
    assert "8.2" not in kb.criteria
