//! The scan and the redaction reach every text of every record: the fields
//! the issue named, and, by construction, any field added later.

use super::*;
use crate::domain::testkit::*;
use crate::domain::*;

/// A workspace with at least one record of every kind.
fn every_kind() -> (WorkspaceHeader, Records) {
    let (header, mut r) = crate::demo::story(today());
    let d = day(2026, 3, 1);
    if r.evidence.is_empty() {
        r.evidence.push(EvidenceFile {
            format: 1,
            id: id(201),
            date: d,
            created: at(d),
            updated: at(d),
            title: "Call notes".into(),
            kind: EvidenceKind::WorkProduct,
            description: "Notes".into(),
            links: Vec::new(),
            criteria: Vec::new(),
            original_name: "notes.pdf".into(),
            stored_name: "notes.pdf".into(),
            size: 3,
            sha256: String::new(),
        });
    }
    if r.witnesses.is_empty() {
        let mut w = WitnessStatement::new(id(202), d, at(d));
        w.witness = "Dee Lane".into();
        w.observed = "Calm on a hard call".into();
        r.witnesses.push(w);
    }
    if r.signoffs.is_empty() {
        r.signoffs.push(SignOff {
            format: 1,
            id: id(203),
            subject: r.witnesses[0].id.clone(),
            name: "Dee Lane".into(),
            role: "team leader".into(),
            signed: at(d),
            remark: "Seen".into(),
            content_hash: String::new(),
            criteria: Vec::new(),
        });
    }
    if r.practice.is_empty() {
        let mut p = Practice::new(id(204), PracticeKind::Leadership, d, at(d));
        p.name = "Coaching".into();
        p.first = "A new starter froze".into();
        r.practice.push(p);
    }
    if r.coaching.is_empty() {
        let mut c = CoachingSession::new(id(205), d, at(d));
        c.coachee = "Sam Okafor".into();
        c.feedback = "You apologised early".into();
        c.impact.learning = "Knows the HEAT steps".into();
        r.coaching.push(c);
    }
    let Records {
        diary,
        needs,
        objectives,
        activities,
        feedback,
        kpis,
        reviews,
        evidence,
        witnesses,
        signoffs,
        practice,
        coaching,
    } = &r;
    for (kind, n) in [
        ("diary", diary.len()),
        ("needs", needs.len()),
        ("objectives", objectives.len()),
        ("activities", activities.len()),
        ("feedback", feedback.len()),
        ("kpis", kpis.len()),
        ("reviews", reviews.len()),
        ("evidence", evidence.len()),
        ("witnesses", witnesses.len()),
        ("signoffs", signoffs.len()),
        ("practice", practice.len()),
        ("coaching", coaching.len()),
    ] {
        assert!(n > 0, "the fixture has no {kind}: add one so it is checked");
    }
    (header, r)
}

/// Puts an e-mail address into every string of `record` that can take free
/// text (a string that would no longer read back, such as an id or a date,
/// is left as it was). Returns the record and how many strings took one.
/// This walks the JSON form, not `texts::for_each_text`, so it is an
/// independent count of the texts a record holds.
fn fill<T: Serialize + DeserializeOwned>(record: &T, seed: &mut usize) -> (T, usize) {
    let mut value = serde_json::to_value(record).expect("to JSON");
    let mut filled = 0;
    let mut path = Vec::new();
    leaves(&value, &mut Vec::new(), &mut path);
    for leaf in path {
        let mut trial = value.clone();
        let slot = leaf.iter().fold(&mut trial, |v, k| match k {
            Key::Field(f) => &mut v[f.as_str()],
            Key::Index(i) => &mut v[*i],
        });
        *seed += 1;
        *slot = serde_json::Value::String(format!("ask pat{seed}@example.com"));
        if serde_json::from_value::<T>(trial.clone()).is_ok() {
            value = trial;
            filled += 1;
        }
    }
    (serde_json::from_value(value).expect("from JSON"), filled)
}

#[derive(Clone)]
enum Key {
    Field(String),
    Index(usize),
}

fn leaves(v: &serde_json::Value, at: &mut Vec<Key>, out: &mut Vec<Vec<Key>>) {
    match v {
        serde_json::Value::String(_) => out.push(at.clone()),
        serde_json::Value::Array(items) => {
            for (i, item) in items.iter().enumerate() {
                at.push(Key::Index(i));
                leaves(item, at, out);
                at.pop();
            }
        }
        serde_json::Value::Object(map) => {
            for (k, item) in map {
                at.push(Key::Field(k.clone()));
                leaves(item, at, out);
                at.pop();
            }
        }
        _ => {}
    }
}

fn fill_list<T: Serialize + DeserializeOwned>(list: &mut [T], seed: &mut usize) -> usize {
    let mut total = 0;
    for r in list.iter_mut() {
        let (filled, n) = fill(r, seed);
        *r = filled;
        total += n;
    }
    total
}

#[test]
fn every_free_text_of_every_record_is_scanned_and_redacted() {
    let (mut header, mut r) = every_kind();
    let mut seed = 0;
    let mut texts = 0;
    let profile;
    (profile, texts) = {
        let (p, n) = fill(&header.profile, &mut seed);
        (p, texts + n)
    };
    header.profile = profile;
    texts += fill_list(&mut r.diary, &mut seed);
    texts += fill_list(&mut r.needs, &mut seed);
    texts += fill_list(&mut r.objectives, &mut seed);
    texts += fill_list(&mut r.activities, &mut seed);
    texts += fill_list(&mut r.feedback, &mut seed);
    texts += fill_list(&mut r.kpis, &mut seed);
    texts += fill_list(&mut r.reviews, &mut seed);
    texts += fill_list(&mut r.evidence, &mut seed);
    texts += fill_list(&mut r.witnesses, &mut seed);
    texts += fill_list(&mut r.signoffs, &mut seed);
    texts += fill_list(&mut r.practice, &mut seed);
    texts += fill_list(&mut r.coaching, &mut seed);
    assert!(texts > 100, "{texts}");
    let hits = scan_workspace(&header, &r);
    assert_eq!(
        hits.len(),
        texts,
        "every text that took an address is found (a field the scan skipped would be missing)"
    );
    let (rh, rr, redaction) = redact_workspace(&header, &r).expect("redacts");
    assert_eq!(redaction.placeholders().len(), texts);
    assert!(scan_workspace(&rh, &rr).is_empty(), "nothing left");
    let json = format!(
        "{}{}",
        serde_json::to_string(&rh).expect("json"),
        [
            serde_json::to_string(&rr.diary),
            serde_json::to_string(&rr.needs),
            serde_json::to_string(&rr.objectives),
            serde_json::to_string(&rr.activities),
            serde_json::to_string(&rr.feedback),
            serde_json::to_string(&rr.kpis),
            serde_json::to_string(&rr.reviews),
            serde_json::to_string(&rr.evidence),
            serde_json::to_string(&rr.witnesses),
            serde_json::to_string(&rr.signoffs),
            serde_json::to_string(&rr.practice),
            serde_json::to_string(&rr.coaching),
        ]
        .into_iter()
        .map(|j| j.expect("json"))
        .collect::<String>()
    );
    assert!(!json.contains("@example.com"), "an address survived");
}

#[test]
fn a_workspace_without_details_is_redacted_to_itself() {
    let (header, r) = every_kind();
    assert!(scan_workspace(&header, &r).is_empty());
    let (rh, rr, redaction) = redact_workspace(&header, &r).expect("redacts");
    assert_eq!((rh, rr), (header, r));
    assert!(redaction.placeholders().is_empty());
}

#[test]
fn the_fields_the_issue_named_are_flagged_and_redacted() {
    let (mut header, mut r) = every_kind();
    let mail = "k.ng@example.org";
    r.diary[0].tags.push(mail.into());
    r.feedback[0].role = format!("customer {mail}");
    r.needs[0].agreed_with = format!("Dee ({mail})");
    r.reviews[0].participants.push(Participant {
        name: mail.into(),
        role: "customer".into(),
    });
    header.profile.name = format!("Sam {mail}");
    header.profile.organisation = format!("Acme {mail}");
    header.profile.job_role = format!("Adviser {mail}");
    r.evidence[0].title = format!("Letter {mail}");
    r.evidence[0].description = format!("From {mail}");
    let hits = scan_workspace(&header, &r);
    let fields: Vec<&str> = hits.iter().map(|h| h.field).collect();
    for field in [
        "tags",
        "role",
        "agreed with",
        "name",
        "organisation",
        "job role",
        "title",
        "description",
    ] {
        assert!(fields.contains(&field), "{field} missing from {fields:?}");
    }
    assert!(
        hits.iter().any(|h| h.record.kind == RecordType::Profile),
        "{hits:?}"
    );
    let (rh, rr, _) = redact_workspace(&header, &r).expect("redacts");
    assert!(!rr.diary[0].tags.iter().any(|t| t.contains(mail)));
    assert!(!rr.feedback[0].role.contains(mail));
    assert!(!rr.needs[0].agreed_with.contains(mail));
    assert!(
        !rr.reviews[0]
            .participants
            .iter()
            .any(|p| p.name.contains(mail))
    );
    assert!(!rh.profile.name.contains(mail));
    assert!(!rh.profile.organisation.contains(mail));
    assert!(!rh.profile.job_role.contains(mail));
    assert!(!rr.evidence[0].title.contains(mail));
    assert!(!rr.evidence[0].description.contains(mail));
    assert!(rh.profile.name.starts_with("Sam [Customer "));
}

#[test]
fn capture_warnings_name_the_field_and_mask_the_detail() {
    let mut fb = feedback_from(1, FeedbackSource::Customer);
    fb.role = "caller on 07700 900123".into();
    let warnings = capture_warnings(&fb);
    assert_eq!(warnings.len(), 1, "{warnings:?}");
    assert!(warnings[0].starts_with("role: looks like a customer's phone number"));
    assert!(!warnings[0].contains("900123"), "masked: {warnings:?}");
    assert!(capture_warnings(&feedback_from(2, FeedbackSource::Customer)).is_empty());
}
