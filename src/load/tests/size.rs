//! The limits on a criteria set's size: criteria and ratings.

use super::*;

fn many_criteria(n: usize) -> String {
    let mut s = String::from(HEAD);
    for i in 0..n {
        s.push_str(&format!(
            "[[criteria]]\nid = \"K{i}\"\ntitle = \"k\"\nindicator = \"x\"\nrule = \"yes\"\n"
        ));
    }
    s.push_str(FALLBACK);
    s
}

#[test]
fn more_than_ten_thousand_criteria() {
    let p = one(&many_criteria(10_001));
    // HEAD is 9 lines, each criterion 5: the 10,001st starts on 9 + 5 × 10,000 + 1.
    assert_eq!(at(&p), (50_010, 1));
    assert!(
        p.message
            .en()
            .contains("too many criteria (10001); the limit is 10000")
    );
}

fn many_ratings(n: usize) -> String {
    let mut s = String::from(HEAD);
    s.push_str("[[criteria]]\nid = \"K\"\ntitle = \"k\"\nindicator = \"x\"\nrule = \"yes\"\n");
    for i in 0..n {
        // Every rating but the last has a condition, as the contract wants.
        let condition = if i + 1 < n {
            format!("min_score = {}\n", n - i)
        } else {
            String::new()
        };
        s.push_str(&format!(
            "[[ratings]]\nid = \"R{i}\"\ntitle = \"r\"\n{condition}"
        ));
    }
    s
}

#[test]
fn more_than_sixty_four_ratings() {
    let p = one(&many_ratings(65));
    // HEAD is 9 lines, the criterion 5, each rating 4: the 65th starts on 9 + 5 + 4 × 64 + 1.
    assert_eq!(at(&p), (271, 1));
    assert!(
        p.message
            .en()
            .contains("too many ratings (65); the limit is 64")
    );
    assert_eq!(accepted(&many_ratings(64)).ratings.len(), 64);
}

#[test]
fn exactly_ten_thousand_criteria_are_accepted() {
    let set = accepted(&many_criteria(10_000));
    assert_eq!(set.criteria.len(), 10_000);
    assert_eq!(set.full_max(), d("10000"));
}
