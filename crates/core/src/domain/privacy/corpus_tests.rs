//! The personal-data corpus: 60 realistic UK customer details as learners
//! type them after a call, and 60 ordinary service sentences full of the
//! numbers a contact centre lives by. Recall and false positives are
//! printed (`cargo test -p starlog-core corpus -- --nocapture`) and kept in
//! the README; the target is every detail found and no false positive.

use super::*;

/// A sentence and the details in it: (kind, the detail as written).
type Case = (&'static str, &'static [(PiiKind, &'static str)]);

use PiiKind::*;

const DETAILS: [Case; 60] = [
    (
        "Mrs Okafor emailed from grace.okafor@btinternet.com about the refund.",
        &[(Email, "grace.okafor@btinternet.com")],
    ),
    (
        "Her e-mail is priya dot shah at gmail dot com, she spelled it out.",
        &[(Email, "priya dot shah at gmail dot com")],
    ),
    (
        "Caller gave j.mcallister (at) outlook (dot) com for the receipt.",
        &[(Email, "j.mcallister (at) outlook (dot) com")],
    ),
    (
        "Send it to tom_b at yahoo.co.uk please.",
        &[(Email, "tom_b at yahoo.co.uk")],
    ),
    (
        "He wrote in from DAVID.REES@NHS.NET twice.",
        &[(Email, "DAVID.REES@NHS.NET")],
    ),
    (
        "Contact: sian hughes at sky dot com",
        &[(Email, "hughes at sky dot com")],
    ),
    (
        "Rang Mr Patel back on 07700 900461 at 3pm.",
        &[(Phone, "07700 900461")],
    ),
    (
        "Landline 0161 496 0723, evenings only.",
        &[(Phone, "0161 496 0723")],
    ),
    (
        "She asked us to use +44 7700 900982 instead.",
        &[(Phone, "+44 7700 900982")],
    ),
    (
        "Daughter's number is 020 7946 0018.",
        &[(Phone, "020 7946 0018")],
    ),
    ("Mobile: 07911-123-456.", &[(Phone, "07911-123-456")]),
    (
        "Call him on (0113) 496 0555 tomorrow.",
        &[(Phone, "(0113) 496 0555")],
    ),
    (
        "Read out the card 4012 8888 8888 1881 before I could stop him.",
        &[(Card, "4012 8888 8888 1881")],
    ),
    (
        "Card ending... no, he gave the lot: 5105-1051-0510-5100.",
        &[(Card, "5105-1051-0510-5100")],
    ),
    (
        "Amex 3714 496353 98431 was declined.",
        &[(Card, "3714 496353 98431")],
    ),
    (
        "Delivery to LS6 2AB keeps failing.",
        &[(Postcode, "LS6 2AB")],
    ),
    (
        "Postcode checker rejected sw1a 2aa.",
        &[(Postcode, "sw1a 2aa")],
    ),
    (
        "Engineer visit booked for EH1 1YZ on Tuesday.",
        &[(Postcode, "EH1 1YZ")],
    ),
    (
        "Her NI number is QQ 12 34 56 C so I updated the record.",
        &[(NationalInsurance, "QQ 12 34 56 C")],
    ),
    (
        "NINO AB123456D on the claim form.",
        &[(NationalInsurance, "AB123456D")],
    ),
    (
        "He read his national insurance number, JT 45 67 89 A, to confirm.",
        &[(NationalInsurance, "JT 45 67 89 A")],
    ),
    (
        "Checked the NI: ce 98 76 54 b.",
        &[(NationalInsurance, "ce 98 76 54 b")],
    ),
    (
        "Refund to sort code 20-45-77, account 41536789.",
        &[(BankDetails, "20-45-77, account 41536789")],
    ),
    (
        "Bank details 40 47 84 71234567 for the direct debit.",
        &[(BankDetails, "40 47 84 71234567")],
    ),
    (
        "Account number 83640212, sort code 30-96-26.",
        &[(BankDetails, "83640212, sort code 30-96-26")],
    ),
    (
        "Sort code 601613 and account 31926819 were wrong on file.",
        &[(BankDetails, "601613 and account 31926819")],
    ),
    (
        "Paid into 09-01-28 / 55779911 by mistake.",
        &[(BankDetails, "09-01-28 / 55779911")],
    ),
    (
        "DOB 12/03/1985 did not match the account.",
        &[(DateOfBirth, "12/03/1985")],
    ),
    (
        "Security check: date of birth 1979-11-02.",
        &[(DateOfBirth, "1979-11-02")],
    ),
    (
        "She was born on 3rd March 1962, so the over-60 discount applies.",
        &[(DateOfBirth, "3rd March 1962")],
    ),
    (
        "D.O.B. 07-08-91 given for verification.",
        &[(DateOfBirth, "07-08-91")],
    ),
    (
        "Born 14 Feb 2001, account in his name.",
        &[(DateOfBirth, "14 Feb 2001")],
    ),
    (
        "His date of birth is September 9, 1958.",
        &[(DateOfBirth, "September 9, 1958")],
    ),
    (
        "Parcel left at 5 High St, Bristol by mistake.",
        &[(Address, "5 High St, Bristol")],
    ),
    (
        "She lives at 22 Acacia Avenue, Leeds LS6 2AB now.",
        &[(Address, "22 Acacia Avenue, Leeds LS6 2AB")],
    ),
    (
        "Flat 3, 17 Church Road was the old address.",
        &[(Address, "Flat 3, 17 Church Road")],
    ),
    (
        "Moved to 41b Kings Court last month.",
        &[(Address, "41b Kings Court")],
    ),
    (
        "Meter is at 9 Old Mill Lane, Hebden Bridge.",
        &[(Address, "9 Old Mill Lane, Hebden Bridge")],
    ),
    (
        "Returned to sender from 120 Station Rd. Cardiff CF10 1EP.",
        &[(Address, "120 Station Rd. Cardiff CF10 1EP")],
    ),
    (
        "Delivery address 2 Rose Gardens, Norwich.",
        &[(Address, "2 Rose Gardens, Norwich")],
    ),
    (
        "Van went to 88 Victoria Street instead.",
        &[(Address, "88 Victoria Street")],
    ),
    (
        "Mr Green at 14 Elm Grove, York YO1 7HH wants a callback.",
        &[(Address, "14 Elm Grove, York YO1 7HH")],
    ),
    (
        "Mrs Ali, 07700 900321 and amina.ali@hotmail.co.uk, asked for a refund.",
        &[(Phone, "07700 900321"), (Email, "amina.ali@hotmail.co.uk")],
    ),
    (
        "He gave 0117 496 0102 and 31 Park Row, Bristol BS1 5LJ.",
        &[
            (Phone, "0117 496 0102"),
            (Address, "31 Park Row, Bristol BS1 5LJ"),
        ],
    ),
    (
        "DOB 01/01/1990, NI SN 12 34 56 B, confirmed.",
        &[
            (DateOfBirth, "01/01/1990"),
            (NationalInsurance, "SN 12 34 56 B"),
        ],
    ),
    (
        "Customer email: m.wright@virginmedia.com (complaint).",
        &[(Email, "m.wright@virginmedia.com")],
    ),
    ("Callback 07456 123987 after 5.", &[(Phone, "07456 123987")]),
    ("Replacement sent to G2 3QT.", &[(Postcode, "G2 3QT")]),
    (
        "Card 4111-1111-1111-1111 on the call recording, flagged it.",
        &[(Card, "4111-1111-1111-1111")],
    ),
    (
        "chris at chrisjones dot co dot uk is the billing contact",
        &[(Email, "chris at chrisjones dot co dot uk")],
    ),
    (
        "Used 0800 numbers? No, she called from 01632 960001.",
        &[(Phone, "01632 960001")],
    ),
    (
        "born 30.06.1975 per the passport",
        &[(DateOfBirth, "30.06.1975")],
    ),
    (
        "His NI number: NE 11 22 33 A.",
        &[(NationalInsurance, "NE 11 22 33 A")],
    ),
    (
        "Direct debit from sort code 11-22-33 account no 12345678 bounced.",
        &[(BankDetails, "11-22-33 account no 12345678")],
    ),
    (
        "Keys left with neighbour at 7 Holly Close, Derby.",
        &[(Address, "7 Holly Close, Derby")],
    ),
    (
        "She's at 63 Queens Drive, Liverpool L13 0DN.",
        &[(Address, "63 Queens Drive, Liverpool L13 0DN")],
    ),
    (
        "Emailed a copy to r.singh@company.co.uk for her records.",
        &[(Email, "r.singh@company.co.uk")],
    ),
    (
        "Ring 07700 900777 about the missed visit.",
        &[(Phone, "07700 900777")],
    ),
    (
        "Address on file: 10 Downing Street, London SW1A 2AA.",
        &[(Address, "10 Downing Street, London SW1A 2AA")],
    ),
    (
        "Mum's DOB is 25 December 1948 she said.",
        &[(DateOfBirth, "25 December 1948")],
    ),
];

const ORDINARY: [&str; 60] = [
    "Order 48213377 was dispatched on 12/03/2026 and arrived late.",
    "Ticket INC0012345 escalated to tier 2 at 14:35.",
    "AHT down from 412 s to 365 s over four weeks.",
    "CSAT rose from 82% to 88% this quarter.",
    "Transferred the caller to ext 4471 for billing.",
    "Refund of £49.99 approved by my team leader.",
    "FCR 71% against a target of 75%.",
    "Queue 3 had 126 calls waiting at 09:00.",
    "Case ref CS-2026-004411 closed after the callback.",
    "The promo code SAVE20 did not apply at checkout.",
    "NPS moved from -12 to +4 after the new script.",
    "Worked 7.5 hours, 38 calls, 2 complaints.",
    "Our SLA is 80% of calls answered in 20 seconds.",
    "Invoice INV-88213 was raised twice.",
    "Called back at 10:15 as promised.",
    "Parcel weighed 2.4 kg and cost £6.50 to send.",
    "Price went from £12.99 to £14.49 a month.",
    "Use extension 2203 for the repairs desk.",
    "Stock code 1234-567-890 was out of stock.",
    "Ticket 778812 reopened by the customer at 16:05.",
    "The shift runs 08:00-16:30 with a 30 minute break.",
    "Logged 14 PSR referrals last quarter.",
    "Account 12345678 had an estimated read of 4521 kWh.",
    "Team average CSAT 87%, mine 84%.",
    "Escalated 3 calls out of 112 this week.",
    "Order number 100234567 split into two parcels.",
    "Waited 4 min 20 s on hold before the transfer.",
    "Level 3 NVQ Diploma, unit 2.3, criteria 1.1 and 1.2.",
    "Used HEAT on every complaint call; NPS -12 to +4.",
    "The meeting is in room 2 at 11am on 31 March 2026.",
    "Call volume rose 15% in week 48.",
    "Gift card balance £25.00 restored.",
    "Complaint 2026/0413 resolved within 5 working days.",
    "Ext. 5590 is the out-of-hours line.",
    "Reduce repeat calls from 18 to 12 per week by 30 June 2026.",
    "Quality score 92/100 on the last monitored call.",
    "Delivery slot 7am-1pm on 14/11/2026.",
    "SKU 5012345678900 scanned wrong at the till.",
    "Booked 2 days annual leave for 24-12-2026.",
    "The app crashed on version 4.12.3 for 20 users.",
    "Raised ticket #55123 with IT about the headset.",
    "Born to lead? Not yet, but I chaired the huddle.",
    "I was at work dot on time every day this month.",
    "Went to 5 High level meetings about the launch.",
    "Spoke to 3 Customer Service Advisers about Park Lane store hours.",
    "DOB checks failed on 3 calls because the system was down.",
    "Sort code field was blank on 4 forms, account team told.",
    "We met at the branch at 9.",
    "Finance team on floor 2, desk 14.",
    "Contract renewal at £29 per month for 24 months.",
    "Customer effort score 5.8 out of 7.",
    "Handled 64 chats and 12 emails today.",
    "Average wait 1:45 against 2:00 target.",
    "My 1:1 with the team leader is on 3 December 2026.",
    "Week 47: 211 calls, AHT 398 s, CSAT 86%.",
    "Order 55-66-77 was a typo for 556677.",
    "Batch 20 45 77 printed 41536789 labels overnight.",
    "Hold music fault logged as P2 at 13:02.",
    "The 2 Green Team leaders covered the late shift.",
    "Reply within 24 hours to 95% of e-mails sent to the shared inbox.",
];

fn overlaps(f: &Found, sentence: &str, want: &str) -> bool {
    let Some(at) = sentence.find(want) else {
        return false;
    };
    f.start < at + want.len() && at < f.end
}

#[test]
fn corpus_recall_and_false_positives() {
    let mut expected = 0;
    let mut found_right = 0;
    let mut whole = 0;
    let mut misses = Vec::new();
    let mut per_kind: BTreeMap<PiiKind, (usize, usize)> = BTreeMap::new();
    for (sentence, details) in DETAILS {
        let found = find(sentence);
        for (kind, want) in details {
            assert!(sentence.contains(want), "corpus typo: {want}");
            expected += 1;
            let entry = per_kind.entry(*kind).or_default();
            entry.1 += 1;
            match found
                .iter()
                .find(|f| f.kind == *kind && overlaps(f, sentence, want))
            {
                Some(f) => {
                    found_right += 1;
                    entry.0 += 1;
                    if &sentence[f.start..f.end] == *want {
                        whole += 1;
                    } else {
                        misses.push(format!(
                            "partly: {want:?} found as {:?}",
                            &sentence[f.start..f.end]
                        ));
                    }
                }
                None => misses.push(format!(
                    "missed {kind:?} {want:?} in {sentence:?}: {found:?}"
                )),
            }
        }
    }
    let mut false_positives = Vec::new();
    for sentence in ORDINARY {
        for f in find(sentence) {
            false_positives.push(format!(
                "{:?} {:?} in {sentence:?}",
                f.kind,
                &sentence[f.start..f.end]
            ));
        }
    }
    println!(
        "personal-data corpus: found {found_right}/{expected} details ({whole} whole), {} false positives on {} ordinary sentences",
        false_positives.len(),
        ORDINARY.len()
    );
    for (kind, (got, of)) in &per_kind {
        println!("  {:<28} {got}/{of}", kind.label());
    }
    for m in &misses {
        println!("  {m}");
    }
    for fp in &false_positives {
        println!("  false positive: {fp}");
    }
    assert_eq!(per_kind.len(), 8, "every kind is in the corpus");
    assert!(misses.is_empty(), "{misses:#?}");
    assert!(false_positives.is_empty(), "{false_positives:#?}");
}

#[test]
fn redacting_an_address_removes_all_of_it() {
    let mut r = Redaction::default();
    assert_eq!(
        r.redact("Left at 22 Acacia Avenue, Leeds LS6 2AB by the driver."),
        "Left at [Customer A address] by the driver."
    );
    assert_eq!(
        r.redact("Parcel left at 5 High St, Bristol by mistake."),
        "Parcel left at [Customer B address] by mistake."
    );
}

#[test]
fn one_callers_details_in_one_sentence_are_one_customer() {
    let mut r = Redaction::default();
    let text = "Mrs Ali, 07700 900321 and amina.ali@hotmail.co.uk, asked for a refund. \
                Mr Brown on 0161 496 0723 called too.\n\
                She wrote again from amina dot ali at hotmail dot co dot uk with DOB 01/02/1980.";
    assert_eq!(
        r.redact(text),
        "Mrs Ali, [Customer A phone] and [Customer A e-mail], asked for a refund. \
         Mr Brown on [Customer B phone] called too.\n\
         She wrote again from [Customer A e-mail] with DOB [Customer A date of birth]."
    );
    let again = r.redact(text);
    assert_eq!(r.restore(&again).matches("amina").count(), 2);
}

#[test]
fn machine_texts_of_records_are_never_details() {
    // Ids, dates, moments and hashes pass through the scan too: none of
    // them may look like a detail.
    for n in 0..2000u64 {
        let id = Id::from_parts(n * 7_919_993, [(n % 251) as u8; 10]);
        assert!(find(id.as_str()).is_empty(), "{id}");
    }
    let day = chrono::NaiveDate::from_ymd_opt(1985, 3, 12).expect("day");
    for text in [
        day.to_string(),
        "1985-03-12T09:15:00+01:00".to_string(),
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855".to_string(),
    ] {
        assert!(find(&text).is_empty(), "{text}");
    }
}
