//! `oj-analys report --lan/--grupp/--ut`: the Gruppöversikt of a län, of several kommuner or of a
//! kommun and its peer group, and one report per kommun written into a folder.

use std::path::Path;
use std::process::ExitCode;

use super::report::{print_json, read_files, report_for, resolve, Args};
use crate::model::{normalize_label, Dataset};
use crate::reference::Reference;
use crate::report::group::{self, group_files, group_table, GroupChoice, GroupFiles, GroupTable};
use crate::report::tables::slug;
use crate::report::{text, Report};

/// Runs the group forms of `report`.
pub fn run(args: &Args) -> ExitCode {
    let datasets = match read_files(&args.common) {
        Ok(d) => d,
        Err(code) => return code,
    };
    let (table, kommuner) = match group_of(args, &datasets) {
        Ok(found) => found,
        Err((message, code)) => {
            eprintln!("{message}");
            return code;
        }
    };
    if table.areas.is_empty() {
        eprintln!("Ingen av de inlästa tabellerna har ett känt verksamhetsområde.");
        return ExitCode::from(1);
    }
    match &args.ut {
        Some(dir) => write_folder(dir, args, &datasets, &table, &kommuner),
        None if args.json => print_json(&table),
        None => {
            print!("{}", table.to_text());
            ExitCode::SUCCESS
        }
    }
}

type Failure = (String, ExitCode);

fn usage(message: impl Into<String>) -> Failure {
    (message.into(), ExitCode::from(2))
}

/// The group table and the kommuner to write reports for: a län's kommuner (all get a report),
/// one kommun and its peer group (the union over the loaded areas), or the listed kommuner.
fn group_of(args: &Args, datasets: &[Dataset]) -> Result<(GroupTable, Vec<String>), Failure> {
    let listed: Vec<String> = match &args.kommun {
        Some(list) => list
            .split(',')
            .map(str::trim)
            .filter(|k| !k.is_empty())
            .map(|k| resolve(k, datasets).map_err(usage))
            .collect::<Result<_, _>>()?,
        None => Vec::new(),
    };
    let own = match listed.as_slice() {
        [one] => Some(one.as_str()),
        _ => None,
    };
    let rule = args.common.delvis;
    let (name, codes) = match (&args.lan, listed.as_slice()) {
        (Some(lan), _) => GroupChoice::Lan(lan_code(lan)?).members().map_err(usage)?,
        (None, [one]) => peer_group(one, datasets, args)?,
        (None, _) => ("Valda kommuner".to_owned(), listed.clone()),
    };
    let table = group_table(datasets, &name, &codes, own, rule);
    // Reports for every kommun of the län, else for the kommuner given.
    let kommuner = if args.lan.is_some() { codes } else { listed };
    Ok((table, kommuner))
}

/// A län's code from its code ("01", "1") or name ("Stockholms län", "Stockholm").
fn lan_code(query: &str) -> Result<String, Failure> {
    let q = normalize_label(query);
    let reference = Reference::get();
    let padded = format!("{:0>2}", q);
    reference
        .lan
        .iter()
        .find(|l| {
            let name = normalize_label(&l.namn);
            l.kod == padded
                || name == q
                || name.strip_suffix(" län") == Some(q.as_str())
                || name.strip_suffix("s län") == Some(q.as_str())
        })
        .map(|l| l.kod.clone())
        .ok_or_else(|| usage(format!("Okänt län: {query}.")))
}

/// One kommun and the peers it is compared with in any loaded area.
fn peer_group(
    own: &str,
    datasets: &[Dataset],
    args: &Args,
) -> Result<(String, Vec<String>), Failure> {
    Ok(group::peer_group(&report_for(own, datasets, &args.common)?))
}

/// One report per kommun and the group table into `dir`; a kommun without a row in the files is
/// said on stderr and left out.
fn write_folder(
    dir: &Path,
    args: &Args,
    datasets: &[Dataset],
    table: &GroupTable,
    kommuner: &[String],
) -> ExitCode {
    if let Err(e) = std::fs::create_dir_all(dir) {
        eprintln!("{}: kunde inte skapas: {e}", dir.display());
        return ExitCode::from(2);
    }
    let mut written = 0usize;
    for code in kommuner {
        let report = match report_for(code, datasets, &args.common) {
            Ok(r) => r,
            Err((message, _)) => {
                eprintln!("{code}: {message}");
                continue;
            }
        };
        let (name, bytes) = report_file(&report, args.json);
        if let Err(code) = write(&dir.join(name), &bytes) {
            return code;
        }
        written += 1;
    }
    let GroupFiles { csv, xlsx } = match group_files(table) {
        Ok(files) => files,
        Err(e) => {
            eprintln!("{e}");
            return ExitCode::from(2);
        }
    };
    for (name, bytes) in [
        ("gruppoversikt.txt", table.to_text().into_bytes()),
        ("gruppoversikt.csv", csv),
        ("gruppoversikt.xlsx", xlsx),
    ] {
        if let Err(code) = write(&dir.join(name), &bytes) {
            return code;
        }
    }
    println!(
        "{written} {} och gruppöversikten ({}) skrivna i {}.",
        if written == 1 { "rapport" } else { "rapporter" },
        table.name,
        dir.display()
    );
    if written == 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    }
}

/// A kommun's report file: `tyreso-0138.txt` (or `.json`).
fn report_file(report: &Report, json: bool) -> (String, Vec<u8>) {
    let stem = format!("{}-{}", slug(&report.unit.name), slug(&report.unit.code));
    if json {
        let body = serde_json::to_vec_pretty(report).unwrap_or_default();
        (format!("{stem}.json"), body)
    } else {
        (format!("{stem}.txt"), text::render(report).into_bytes())
    }
}

fn write(path: &Path, bytes: &[u8]) -> Result<(), ExitCode> {
    std::fs::write(path, bytes).map_err(|e| {
        eprintln!("{}: kunde inte skrivas: {e}", path.display());
        ExitCode::from(2)
    })
}
