//! `starlog kpi add`: record a KPI reading from the shell. Like `starlog add`
//! it only creates a new file, so it runs while the app is open.

use super::{Failure, now, parse_day, today};
use crate::cli::KpiAddArgs;
use crate::domain::kpi::{self, KpiField, fmt_number};
use crate::domain::{FORMAT, Id, KpiReading};
use crate::store::{Mode, RecordKind, Workspace};
use std::io::Write;
use std::path::Path;

/// The flag a validation error belongs to, for the message.
fn flag(field: KpiField) -> &'static str {
    match field {
        KpiField::Metric => "METRIC",
        KpiField::Value => "VALUE",
        KpiField::Target => "--target",
        KpiField::Unit => "--unit",
        KpiField::Better => "--better",
    }
}

/// A reading from the command line's words, checked against its scale.
pub fn reading_from(args: &KpiAddArgs) -> Result<KpiReading, Failure> {
    let date = match &args.date {
        Some(d) => parse_day(d)?,
        None => today(),
    };
    let known = kpi::known_metric(&args.metric).is_some();
    let unit = args.unit.as_deref().unwrap_or_default();
    let value = kpi::parse_value(&args.metric, unit, &args.value)
        .map_err(|e| Failure::Usage(format!("VALUE: {e}")))?;
    let target = args
        .target
        .as_deref()
        .map(|t| kpi::parse_value(&args.metric, unit, t))
        .transpose()
        .map_err(|e| Failure::Usage(format!("--target: {e}")))?;
    let reading = KpiReading {
        format: FORMAT,
        id: Id::generate(),
        metric: if known {
            args.metric.trim().to_ascii_uppercase()
        } else {
            args.metric.trim().to_string()
        },
        date,
        created: now(),
        value,
        target,
        unit: args.unit.clone().unwrap_or_default().trim().to_string(),
        note: args.note.clone().unwrap_or_default(),
        objective: None,
        better: if known { None } else { args.better },
    };
    kpi::validate(&reading)
        .map_err(|(field, message)| Failure::Usage(format!("{}: {message}", flag(field))))?;
    Ok(reading)
}

/// Runs `starlog kpi add`.
pub fn run_add(
    root: &Path,
    workspace: &str,
    read_only: bool,
    args: KpiAddArgs,
) -> Result<u8, Failure> {
    if read_only {
        return Err(Failure::Usage(
            "`starlog kpi add` needs to write: drop --read-only".into(),
        ));
    }
    // Check the input before touching the workspace, so a typo never half-happens.
    let reading = reading_from(&args)?;
    let ws = Workspace::open(root, workspace, Mode::Capture)?;
    // One chart line never mixes scales: compare with the metric's readings.
    let earlier: Vec<KpiReading> = ws
        .record_paths(RecordKind::Kpi)
        .iter()
        .filter_map(|p| ws.read_record::<KpiReading>(p).ok().map(|(k, _, _)| k))
        .collect();
    kpi::same_scale(&reading, &earlier).map_err(|e| Failure::Usage(format!("--unit: {e}")))?;
    ws.create(&reading)?;
    let scale = kpi::scale_of(&reading);
    let unit = match scale.unit.as_str() {
        "%" => "%".to_string(),
        "" => String::new(),
        u => format!(" {u}"),
    };
    let target = reading
        .target
        .map(|t| format!(" (target {}{unit})", fmt_number(t)))
        .unwrap_or_default();
    let mut out = super::out::Out::stdout();
    let _ = writeln!(
        out,
        "Added {} {}{unit} on {}{target} to {}",
        scale.metric,
        fmt_number(reading.value),
        reading.date,
        ws.dir().display()
    );
    out.finish()?;
    Ok(0)
}
