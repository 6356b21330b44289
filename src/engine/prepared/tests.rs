use super::*;
use crate::engine::rules::{Outcome, earn, earn_rounded, gate_full};
use crate::model::{IndicatorRef, Level, Step};
use proptest::prelude::*;

fn criterion(rule: Rule, points: Decimal, pass: PassMark) -> Criterion {
    Criterion {
        id: "C".into(),
        title: "C".into(),
        group: None,
        indicator: IndicatorRef::Input(0),
        unit: None,
        points,
        pass,
        allow_na: true,
        rule,
        range: None,
        whole: false,
    }
}

/// The general path's answer, as the scorer reads it.
fn general(c: &Criterion, value: &Value, places: u32) -> Option<Scored> {
    match earn_rounded(&c.rule, c.points, value, places) {
        Outcome::Points(points) => Some(Scored::new(points, pass_mark(c, places), places)),
        _ => None,
    }
}

fn dec(m: i64, s: u32) -> Decimal {
    Decimal::new(m, s)
}

fn bound(at_least: bool, x: Decimal) -> Bound {
    if at_least {
        Bound::AtLeast(x)
    } else {
        Bound::AtMost(x)
    }
}

fn rule_strategy() -> impl Strategy<Value = Rule> {
    // Few distinct numbers, so that values and bounds often meet.
    let number = prop_oneof![
        3 => (-12i64..12, 0u32..2).prop_map(|(m, s)| dec(m, s)),
        1 => (-2_000i64..2_000, 0u32..4).prop_map(|(m, s)| dec(m, s)),
    ];
    prop_oneof![
        Just(Rule::Yes),
        number.clone().prop_map(Rule::AtLeast),
        number.clone().prop_map(Rule::AtMost),
        (number.clone(), number.clone()).prop_map(|(zero, full)| Rule::Linear { zero, full }),
        prop::collection::vec((any::<bool>(), number.clone(), number.clone()), 1..4).prop_map(
            |steps| Rule::Steps(
                steps
                    .into_iter()
                    .map(|(at_least, x, points)| Step {
                        bound: bound(at_least, x),
                        points,
                    })
                    .collect()
            )
        ),
        prop::collection::vec((0u32..4, number.clone()), 1..4).prop_map(|levels| {
            Rule::Levels(
                levels
                    .into_iter()
                    .map(|(id, points)| Level {
                        label: id.to_string(),
                        key: id.to_string(),
                        id,
                        points,
                    })
                    .collect(),
            )
        }),
        Just(Rule::Direct),
        number.prop_map(|per| Rule::Deduct { per }),
    ]
}

fn value_strategy() -> impl Strategy<Value = Value> {
    prop_oneof![
        // Drawn as bounds are, so that values often sit exactly on one.
        8 => (-12i64..12, 0u32..2).prop_map(|(m, s)| Value::Number(dec(m, s))),
        2 => (-2_000i64..2_000, 0u32..4).prop_map(|(m, s)| Value::Number(dec(m, s))),
        // Data-sized numbers, some with more places than the prepared scale.
        1 => (-3_000_000i64..3_000_000, 0u32..9).prop_map(|(m, s)| Value::Number(dec(m, s))),
        1 => (any::<i64>(), 0u32..=28).prop_map(|(m, s)| Value::Number(dec(m, s))),
        1 => any::<bool>().prop_map(Value::YesNo),
        1 => (0u32..5).prop_map(Value::Label),
        1 => Just(Value::NotApplicable),
        1 => Just(Value::Missing),
        1 => ((1i64..1000, 0u32..3), (1i64..1000, 0u32..3)).prop_map(|(n, d)| Value::Fraction {
            num: dec(n.0, n.1),
            den: dec(d.0, d.1),
        }),
    ]
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]
    /// Wherever the prepared form answers, it says what the general
    /// path says: the same points (value and scale) and the same `met`.
    #[test]
    fn answers_as_the_general_path_does(
        rule in rule_strategy(),
        points in (0i64..50, 0u32..3),
        pass in proptest::option::of((0i64..50, 0u32..3)),
        places in 0u32..4,
        value in value_strategy(),
    ) {
        let pass = pass.map_or(PassMark::AllPoints, |(m, s)| PassMark::Points(dec(m, s)));
        let c = criterion(rule, dec(points.0, points.1), pass);
        let prepared = Prepared::new(&c, places);
        if let Some(fast) = prepared.score(&value) {
            let slow = general(&c, &value, places);
            prop_assert_eq!(Some(fast), slow);
            let slow = slow.map_or(Decimal::ZERO, |s| s.points);
            prop_assert_eq!(fast.points.scale(), slow.scale());
            // A zero's sign shows when it is written ("-0").
            prop_assert_eq!(fast.points.is_sign_negative(), slow.is_sign_negative());
        }
    }

    /// A gate prepared where it can be passes exactly where the
    /// general path's points reach the gate's full points.
    #[test]
    fn gates_pass_as_the_general_path_says(
        rule in rule_strategy(),
        value in value_strategy(),
    ) {
        let full = gate_full(&rule);
        let fast = Prepared::for_gate(&rule, full).and_then(|p| p.score(&value));
        if let Some(fast) = fast {
            match earn(&rule, full, &value) {
                Outcome::Points(p) => prop_assert_eq!(fast.met(), exact::cmp(p, full).is_ge()),
                other => prop_assert!(false, "prepared answered, the general path said {other:?}"),
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4096))]
    /// A linear share worked out from figures prepared once is the
    /// one `product_quotient_scaled` gives, wherever it answers.
    #[test]
    fn linear_shares_are_the_products_quotients(
        max in (-2_000_000i64..2_000_000, 0u32..6),
        span in prop_oneof![-1_000i64..1_000, any::<i64>()],
        progress in prop_oneof![-1_000i64..1_000, -10_000_000_000i64..10_000_000_000, any::<i64>()],
        scale in 0u32..24,
        places in 0u32..5,
    ) {
        let max = dec(max.0, max.1);
        let Some(share) = LinearShare::new(max, i128::from(span), scale, places) else {
            return Ok(());
        };
        if let Some(short) = share.scaled(progress) {
            let long = exact::product_quotient_scaled(
                (max.mantissa(), max.scale()),
                (i128::from(progress), scale),
                (i128::from(span), scale),
                places,
            );
            prop_assert_eq!(Some(short), long);
        }
    }
}

#[test]
fn a_linear_share_rounds_half_away_from_zero() {
    // 3 points from 60 to 95, at six places: 80 earns 3 × 20 ÷ 35.
    let share = |max| LinearShare::new(max, 35_000_000, 6, 2).expect("prepared");
    assert_eq!(share(dec(3, 0)).scaled(20_000_000), Some(171));
    // 1.5 × 7 ÷ 35 = 0.3 exactly; 0.5 × 1 ÷ 35 = 0.0142…
    assert_eq!(share(dec(15, 1)).scaled(7_000_000), Some(30));
    assert_eq!(share(dec(5, 1)).scaled(1_000_000), Some(1));
    // Falling rules: the span is negative, the share is not.
    let falling = LinearShare::new(dec(2, 0), -40, 0, 2).expect("prepared");
    assert_eq!(falling.scaled(-10), Some(50));
    // A midpoint: 1 × 1 ÷ 8 = 0.125 → 0.13.
    let eighth = LinearShare::new(dec(1, 0), 8, 0, 2).expect("prepared");
    assert_eq!(eighth.scaled(1), Some(13));
    assert_eq!(eighth.scaled(-1), Some(-13));
}

#[test]
fn deductions_and_ratios_on_a_linear_rule_take_the_prepared_path() {
    // 3 points, 0.5 lost per late report, at two places.
    let deduct = criterion(
        Rule::Deduct { per: dec(5, 1) },
        dec(3, 0),
        PassMark::AllPoints,
    );
    let prepared = Prepared::new(&deduct, 2);
    let count = |n| prepared.score(&Value::Number(dec(n, 0)));
    for (n, points, scale) in [(0, dec(3, 0), 0), (1, dec(25, 1), 1), (7, Decimal::ZERO, 0)] {
        let scored = count(n).expect("a whole count is prepared");
        assert_eq!(
            (scored.points, scored.points.scale()),
            (points, scale),
            "{n}"
        );
        assert_eq!(Some(scored), general(&deduct, &Value::Number(dec(n, 0)), 2));
    }
    assert!(count(0).is_some_and(|s| s.met()));
    // A count with places is the general path's.
    assert_eq!(prepared.score(&Value::Number(dec(15, 1))), None);

    // 4 points from 50% to 90% of crimes solved: 20 of 27 is 74.07…%.
    let linear = criterion(
        Rule::Linear {
            zero: dec(50, 0),
            full: dec(90, 0),
        },
        dec(4, 0),
        PassMark::AllPoints,
    );
    let prepared = Prepared::new(&linear, 2);
    let ratio = |num: i64, den: i64| Value::Fraction {
        num: dec(num * 100, 0),
        den: dec(den, 0),
    };
    for (num, den) in [(20, 27), (9, 10), (1, 3), (26, 29)] {
        let value = ratio(num, den);
        let scored = prepared.score(&value).expect("a ratio is prepared");
        assert_eq!(Some(scored), general(&linear, &value, 2), "{num}/{den}");
    }
    assert_eq!(
        prepared.score(&ratio(20, 27)).map(|s| s.points),
        Some(dec(241, 2))
    );
}

/// Where the general path's decimal product of a bound and a ratio's
/// denominator rounds, the prepared path leaves the ratio to it, so
/// both give one answer (found by review: they disagreed on `0 / 10⁻²⁰`
/// against a full mark of 10⁻¹¹, and on the scale near a full mark of
/// nineteen digits).
#[test]
fn a_ratio_whose_product_with_a_bound_rounds_is_the_general_paths() {
    let cases = [
        ((dec(0, 0), dec(1, 11)), dec(1, 0), (dec(0, 0), dec(1, 20))),
        (
            (
                dec(7_922_743_109_454_321_588, 12),
                dec(7_922_743_109_454_391_837, 12),
            ),
            dec(3, 0),
            (dec(7_922_816_251_426_504_009, 2), dec(10_000_092_319, 0)),
        ),
    ];
    for ((zero, full), points, (num, den)) in cases {
        let value = Value::Fraction { num, den };
        for places in 0..4 {
            for rule in [
                Rule::Linear { zero, full },
                Rule::Steps(vec![Step {
                    bound: Bound::AtLeast(full),
                    points,
                }]),
            ] {
                let c = criterion(rule, points, PassMark::AllPoints);
                let fast = Prepared::new(&c, places).score(&value);
                if let Some(fast) = fast {
                    let slow = general(&c, &value, places).expect("points");
                    assert_eq!(
                        (fast, fast.points.scale()),
                        (slow, slow.points.scale()),
                        "{places}"
                    );
                }
            }
        }
    }
}

#[test]
fn gates_are_prepared_only_where_every_outcome_is_fixed() {
    let steps = Rule::Steps(vec![Step {
        bound: Bound::AtLeast(dec(70, 0)),
        points: dec(15, 1),
    }]);
    let linear = Rule::Linear {
        zero: dec(60, 0),
        full: dec(95, 0),
    };
    for (rule, prepared) in [
        (Rule::Yes, true),
        (Rule::AtMost(dec(0, 0)), true),
        (steps, true),
        (linear, false),
        (Rule::Direct, false),
    ] {
        let full = gate_full(&rule);
        assert_eq!(
            Prepared::for_gate(&rule, full).is_some(),
            prepared,
            "{rule:?}"
        );
    }
    // A ratio of 69.5% fails a 70% gate; 70% passes it.
    let gate = Rule::AtLeast(dec(70, 0));
    let prepared = Prepared::for_gate(&gate, Decimal::ONE).expect("a bound is prepared");
    let ratio = |num, den| Value::Fraction {
        num: dec(num, 0),
        den: dec(den, 0),
    };
    assert_eq!(prepared.score(&ratio(139, 2)).map(|s| s.met()), Some(false));
    assert_eq!(prepared.score(&ratio(700, 10)).map(|s| s.met()), Some(true));
}

#[test]
fn common_values_take_the_prepared_path() {
    let c = criterion(
        Rule::Linear {
            zero: dec(70, 0),
            full: dec(90, 0),
        },
        dec(3, 0),
        PassMark::Points(dec(2, 0)),
    );
    let prepared = Prepared::new(&c, 2);
    let scored = prepared.score(&Value::Number(dec(855, 1)));
    assert_eq!(
        scored,
        Some(Scored {
            points: dec(233, 2),
            scaled: 233,
            met: 1,
        })
    );
    // On the bound itself: full points, as written (3, not 3.00).
    let on_full = prepared.score(&Value::Number(dec(90, 0)));
    assert_eq!(
        on_full.map(|s| (s.points, s.points.scale())),
        Some((dec(3, 0), 0))
    );
    assert_eq!(on_full, general(&c, &Value::Number(dec(90, 0)), 2));
    // More places than the prepared scale: the general path's turn.
    assert_eq!(prepared.score(&Value::Number(dec(85_123_456_789, 9))), None);
    assert_eq!(prepared.score(&Value::NotApplicable), None);
    let steps = criterion(
        Rule::Steps(vec![
            Step {
                bound: Bound::AtLeast(dec(90, 0)),
                points: dec(4, 0),
            },
            Step {
                bound: Bound::AtLeast(dec(80, 0)),
                points: dec(25, 1),
            },
        ]),
        dec(4, 0),
        PassMark::AllPoints,
    );
    let prepared = Prepared::new(&steps, 2);
    let at = |m, s| prepared.score(&Value::Number(dec(m, s)));
    assert_eq!(
        at(80, 0).map(|s| (s.points, s.met())),
        Some((dec(25, 1), false))
    );
    assert_eq!(
        at(9001, 2).map(|s| (s.points, s.met())),
        Some((dec(4, 0), true))
    );
    assert_eq!(at(7999, 2).map(|s| s.points), Some(Decimal::ZERO));
}
