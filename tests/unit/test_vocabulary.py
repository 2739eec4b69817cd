from wizard.domain import vocabulary as v


def test_ids_are_unique():
    for ids in (v.WHO, v.ABOUT, v.AGREES, v.OUTCOMES, v.PROCEDURES, v.FLAGS, v.STATUTORY_MILESTONES):
        assert len(ids) == len(set(ids))


def test_every_id_has_a_label():
    escalation = {k for keys in v.ESCALATION_MILESTONES.values() for k in keys}
    # ... and the acknowledgement of a request to take a complaint further (issue 12: its date on the confirmation).
    escalation |= {"request_acknowledgement"}
    assert set(v.MILESTONE_LABELS) == set(v.STATUTORY_MILESTONES) | set(v.CORPORATE_MILESTONES) | escalation
    assert set(v.WHO_LABELS) == set(v.WHO)
    assert set(v.ABOUT_LABELS) == set(v.ABOUT)
    assert set(v.OUTCOME_LABELS) == set(v.OUTCOMES)
    assert set(v.FLAG_LABELS) == set(v.FLAGS)


def test_default_subject_mapping_covers_every_subject():
    assert set(v.DEFAULT_SUBJECT_PROCEDURES) == set(v.ABOUT)
    assert set(v.DEFAULT_SUBJECT_PROCEDURES.values()) <= set(v.SUBJECT_ROUTES)
    assert v.DEFAULT_SUBJECT_PROCEDURES["child_protection"] == "corporate"
    assert v.DEFAULT_SUBJECT_PROCEDURES["school"] == "school"


def test_corporate_keys_are_the_first_statutory_keys():
    assert v.STATUTORY_MILESTONES[: len(v.CORPORATE_MILESTONES)] == v.CORPORATE_MILESTONES


def test_who_groups_partition_who_except_adoption():
    assert set(v.WHO_OWN_RIGHT) | set(v.WHO_FOR_CHILD) | set(v.WHO_PROVIDES_CARE) | {"adoption"} == set(v.WHO)
    assert not set(v.WHO_OWN_RIGHT) & set(v.WHO_FOR_CHILD)


def test_n_marker_returns_its_argument():
    assert v.N_("Hello") == "Hello"
