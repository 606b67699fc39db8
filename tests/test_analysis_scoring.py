"""The rivalry score: finite, in [0, 1], and growing with each kind of evidence (hypothesis)."""

from __future__ import annotations

import math
from dataclasses import replace

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from rivalgraph.analysis.scoring import (
    FACTORS,
    AnalysisError,
    DiscourseGroup,
    PairEvidence,
    ScoreParameters,
    SharedRaceGroup,
    assess,
    recency,
    shared_race_stake,
)

AS_OF = 2025.0
YEARS = st.integers(min_value=2012, max_value=2024)
ROUNDS = st.sampled_from(["Final", "SemiFinal", "Heat", None])
SCOPES = st.sampled_from(["GlobalScope", "ContinentalScope", "NationalScope", None])


@st.composite
def shared_race_groups(draw: st.DrawFn) -> SharedRaceGroup:
    meetings = draw(st.integers(min_value=1, max_value=4))
    ahead = draw(st.integers(min_value=0, max_value=meetings))
    marked = draw(st.integers(min_value=0, max_value=meetings))
    podium = draw(st.booleans())
    rated = draw(st.integers(min_value=0, max_value=meetings))
    return SharedRaceGroup(
        year=draw(YEARS),
        round=draw(ROUNDS),
        scope=draw(SCOPES),
        podium=podium,
        title_between=podium and draw(st.booleans()),
        meetings=meetings,
        a_ahead=ahead,
        b_ahead=meetings - ahead,
        place_gap=float(draw(st.integers(min_value=meetings, max_value=meetings * 12))),
        marked=marked,
        mark_gap=draw(st.floats(min_value=0, max_value=30)) * marked,
        relative_mark_gap=draw(st.floats(min_value=0, max_value=0.1)) * marked,
        rated=rated,
        parity_sum=draw(st.floats(min_value=0, max_value=1)) * rated,
    )


@st.composite
def discourse_groups(draw: st.DrawFn) -> DiscourseGroup:
    statements = draw(st.integers(min_value=0, max_value=4))
    return DiscourseGroup(
        year=draw(st.one_of(st.none(), YEARS)),
        statements=statements,
        responses=draw(st.integers(min_value=0, max_value=statements)),
    )


evidences = st.builds(
    PairEvidence,
    shared_race_groups=st.lists(shared_race_groups(), max_size=5).map(tuple),
    by_holder=st.lists(discourse_groups(), max_size=3).map(tuple),
    by_target=st.lists(discourse_groups(), max_size=3).map(tuple),
)
positive = st.floats(min_value=0.05, max_value=5, allow_nan=False)
parameters = st.builds(
    ScoreParameters,
    half_life=st.floats(min_value=0.5, max_value=20),
    w_repetition=positive, w_balance=positive, w_closeness=positive, w_stakes=positive,
    w_discourse=positive, podium_bonus=positive, title_bonus=positive,
    response_weight=positive, received_weight=positive,
)  # fmt: skip


def score(evidence: PairEvidence, params: ScoreParameters) -> float:
    return assess(evidence, params, AS_OF).score


@settings(max_examples=300)
@given(evidences, parameters)
def test_score_and_factors_are_finite_and_between_0_and_1(
    evidence: PairEvidence, params: ScoreParameters
) -> None:
    result = assess(evidence, params, AS_OF)
    for value in (result.score, *result.factors().values()):
        assert math.isfinite(value) and 0.0 <= value <= 1.0


@given(st.lists(shared_race_groups(), max_size=30).map(tuple), parameters)
def test_huge_evidence_stays_finite(groups: tuple[SharedRaceGroup, ...], params: ScoreParameters) -> None:
    many = tuple(replace(g, meetings=g.meetings * 10**6, a_ahead=g.a_ahead * 10**6,
                         b_ahead=g.b_ahead * 10**6, place_gap=g.place_gap * 10**6,
                         marked=g.marked * 10**6) for g in groups)  # fmt: skip
    assert math.isfinite(score(PairEvidence(many, by_holder=(DiscourseGroup(2024, 10**9),)), params))


@given(evidences, parameters, YEARS)
def test_more_meetings_raise_the_score(evidence: PairEvidence, params: ScoreParameters, year: int) -> None:
    """Repetition: two more races, one won by each, close and at stake, never lower the score."""
    split = SharedRaceGroup(year, "Final", "GlobalScope", False, False, 2, 1, 1, 2.0, 2, 0.0, 0.0)
    more = replace(evidence, shared_race_groups=(*evidence.shared_race_groups, split))
    assert score(more, params) > score(evidence, params)


@given(evidences, parameters, YEARS)
def test_a_statement_about_the_rival_raises_the_score(
    evidence: PairEvidence, params: ScoreParameters, year: int
) -> None:
    said = replace(evidence, by_holder=(*evidence.by_holder, DiscourseGroup(year, 1)))
    assert score(said, params) > score(evidence, params)


@given(evidences, parameters, YEARS)
def test_being_spoken_about_or_answered_raises_the_score(
    evidence: PairEvidence, params: ScoreParameters, year: int
) -> None:
    heard = replace(evidence, by_target=(*evidence.by_target, DiscourseGroup(year, 1, 1)))
    assert score(heard, params) > score(evidence, params)


@given(evidences, parameters, YEARS)
def test_a_response_counts_more_than_a_remark(
    evidence: PairEvidence, params: ScoreParameters, year: int
) -> None:
    remark = replace(evidence, by_holder=(*evidence.by_holder, DiscourseGroup(year, 1, 0)))
    answer = replace(evidence, by_holder=(*evidence.by_holder, DiscourseGroup(year, 1, 1)))
    assert score(answer, params) > score(remark, params)


@given(evidences, parameters, YEARS)
def test_higher_stakes_raise_the_score(evidence: PairEvidence, params: ScoreParameters, year: int) -> None:
    """The same race counts more as a title-deciding championship final than as a heat."""
    low = SharedRaceGroup(year, "Heat", None, False, False, 1, 1, 0, 1.0, 1, 0.2, 0.001)
    high = replace(low, round="Final", scope="GlobalScope", podium=True, title_between=True)
    with_low = replace(evidence, shared_race_groups=(*evidence.shared_race_groups, low))
    with_high = replace(evidence, shared_race_groups=(*evidence.shared_race_groups, high))
    assert score(with_high, params) > score(with_low, params)


@given(evidences, parameters, YEARS, st.integers(min_value=2, max_value=10),
       st.floats(min_value=0.0005, max_value=0.05))  # fmt: skip
def test_closer_results_raise_the_score(
    evidence: PairEvidence, params: ScoreParameters, year: int, gap: int, relative: float
) -> None:
    far = SharedRaceGroup(year, "Final", "GlobalScope", False, False, 1, 1, 0, float(gap), 1, 1.0,
                       relative)  # fmt: skip
    close = replace(far, place_gap=1.0, relative_mark_gap=relative / 2)
    assert score(replace(evidence, shared_race_groups=(*evidence.shared_race_groups, close)), params) > score(
        replace(evidence, shared_race_groups=(*evidence.shared_race_groups, far)), params
    )


@given(parameters, YEARS, st.integers(min_value=2, max_value=6))
def test_a_more_even_head_to_head_raises_the_score(params: ScoreParameters, year: int, meetings: int) -> None:
    lopsided = SharedRaceGroup(year, "Final", "GlobalScope", False, False, meetings, meetings, 0,
                            2.0 * meetings, 0, 0.0, 0.0)  # fmt: skip
    evener = replace(lopsided, a_ahead=meetings - 1, b_ahead=1)
    assert score(PairEvidence((evener,)), params) > score(PairEvidence((lopsided,)), params)


@given(evidences, parameters)
def test_recent_evidence_weighs_more_than_old(evidence: PairEvidence, params: ScoreParameters) -> None:
    """Two close races, one won by each, count more in 2024 than in 2010."""
    race = SharedRaceGroup(2010, "Final", "GlobalScope", True, True, 2, 1, 1, 2.0, 2, 0.0, 0.0)
    old = replace(evidence, shared_race_groups=(*evidence.shared_race_groups, race))
    new = replace(evidence, shared_race_groups=(*evidence.shared_race_groups, replace(race, year=2024)))
    assert score(new, params) > score(old, params)


def test_the_score_is_directed_by_discourse() -> None:
    race = SharedRaceGroup(2023, "Final", "GlobalScope", True, True, 1, 0, 1, 1.0, 1, 0.3, 0.0013)
    said, heard = (DiscourseGroup(2024, 2, 1),), (DiscourseGroup(2024, 1),)
    talker = PairEvidence((race,), by_holder=said, by_target=heard)
    listener = PairEvidence(
        (replace(race, a_ahead=1, b_ahead=0),), by_holder=talker.by_target, by_target=talker.by_holder
    )
    params = ScoreParameters()
    assert score(talker, params) > score(listener, params)
    assert assess(talker, params, AS_OF).repetition == assess(listener, params, AS_OF).repetition


def test_no_evidence_scores_zero() -> None:
    assert assess(PairEvidence(), ScoreParameters(), AS_OF).score == 0.0


def test_events_after_the_reference_date_do_not_count() -> None:
    later = SharedRaceGroup(2026, "Final", "GlobalScope", True, True, 3, 2, 1, 3.0, 3, 0.9, 0.004)
    assert assess(PairEvidence((later,)), ScoreParameters(), AS_OF).score == 0.0
    assert recency(2020, AS_OF, 4.0) == pytest.approx(0.5 ** (4.5 / 4))


def test_stakes_follow_the_parameters() -> None:
    params = ScoreParameters(scope_continental=0.5, podium_bonus=2.0, title_bonus=0.0)
    assert shared_race_stake("Final", "ContinentalScope", True, True, params) == 1.5
    assert shared_race_stake("SemiFinal", "GlobalScope", False, False, params) == 0.5


@pytest.mark.parametrize(
    ("values", "message"),
    [
        ({"half_life": "0"}, "half_life must be greater than 0"),
        ({"w_stakes": "-1"}, "finite number >= 0"),
        ({"w_stakes": "nan"}, "finite number >= 0"),
        ({"w_stakes": "lots"}, "must be a number"),
        ({"as_of": "2024-13-01"}, "as_of must be a date"),
        ({"w-discurse": "2"}, "did you mean 'w_discourse'"),
        ({f"w_{name}": "0" for name in FACTORS}, "at least one"),
    ],
)
def test_bad_parameters_are_clear_errors(values: dict[str, str], message: str) -> None:
    with pytest.raises(AnalysisError, match=message):
        ScoreParameters().with_values(values)


def test_parameters_are_frozen_and_take_dashes() -> None:
    params = ScoreParameters().with_values({"half-life": "3", "w-discourse": "2"})
    assert (params.half_life, params.w_discourse) == (3.0, 2.0)
    with pytest.raises(AttributeError):
        params.half_life = 5  # type: ignore[misc]


@given(evidences, parameters)
def test_the_factors_contributions_sum_to_the_score(evidence: PairEvidence, params: ScoreParameters) -> None:
    result = assess(evidence, params, AS_OF)
    parts = result.contributions(params)
    assert all(part >= 0 for part in parts.values())
    assert math.isclose(sum(parts.values()), result.score, rel_tol=1e-9, abs_tol=1e-12)


@pytest.mark.parametrize(
    ("name", "round_name", "scope"),
    [("round_semi_final", "SemiFinal", "GlobalScope"), ("round_heat", "Heat", "GlobalScope"),
     ("scope_national", "Final", "NationalScope"), ("scope_meeting", "Final", None)],
)  # fmt: skip
def test_round_and_scope_weights_change_a_races_stake(name: str, round_name: str, scope: str | None) -> None:
    changed = ScoreParameters().with_values({name: "0.9"})
    default = shared_race_stake(round_name, scope, False, False, ScoreParameters())
    assert shared_race_stake(round_name, scope, False, False, changed) != default
