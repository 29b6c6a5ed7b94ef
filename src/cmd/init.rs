//! `revalo init [DIR]`: a starter folder for an analyst's own work — a
//! scenario commented in French on every key, a workforce template with
//! French headers and three example rows (CSV in the French Excel dialect,
//! and a workbook), and a short LISEZMOI.txt with the next commands. The
//! scenario uses the shipped grids and parameters, so `revalo simulate
//! DIR/scenario.toml` runs at once. It never overwrites a file.

use super::Outcome;
use crate::domain::Date;
use crate::report::xlsx::{self, Cell, NumberStyle, Sheet};
use anyhow::{bail, Context, Result};
use clap::Args;
use rust_decimal::Decimal;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::str::FromStr;

/// Arguments of `revalo init`.
#[derive(Debug, Args)]
#[command(after_help = "Examples:\n  \
revalo init mon-projet     # then: revalo simulate mon-projet/scenario.toml\n  \
revalo init                # in the current folder")]
pub struct InitArgs {
    /// Folder to write into (created if missing) [default: the current
    /// folder]. No file there is ever overwritten.
    #[arg(value_name = "DIR")]
    pub dir: Option<PathBuf>,
}

/// The starter scenario: every key commented, one measure, the shipped
/// grids and parameters.
const SCENARIO_TOML: &str = r#"# Scénario revalo : une mesure de revalorisation appliquée à vos effectifs.
# Chaque clé est commentée ; toutes les règles sont dans docs/formats.md (sources de revalo).

# Nom du scénario, repris en tête des rapports.
name = "Mon scénario — 100 € brut par mois pour les personnels socio-éducatifs"
# Première et dernière année calculées (années civiles, incluses).
years = [2025, 2026]
# Le fichier des effectifs, relatif à ce dossier : une ligne par salarié (voir LISEZMOI.txt).
workforce = "effectifs.csv"
# Sans les clés `grids` et `parameters`, revalo prend les grilles (CCN 66, CCN 51, valeurs du
# point) et les paramètres de paie (2020–2026) qu'il embarque. Pour les vôtres, un dossier :
# grids = "grilles"
# parameters = "parametres"
# Modèle de paie : "detailed" (cotisations, réduction générale, taxe sur les salaires, salarié
# par salarié) ou "flat" (deux taux forfaitaires).
payroll = "detailed"

# L'employeur, pour le modèle "detailed" (une colonne des effectifs peut le préciser par salarié).
[employer]
# Effectif de l'employeur : "ge50" (50 salariés ou plus) ou "lt50" (moins de 50).
size = "ge50"
# Taux de cotisation accidents du travail et maladies professionnelles.
at_mp_rate = "0.0222"
# L'employeur paie-t-il la taxe sur les salaires ? true ou false.
taxe_salaires = true

# Une mesure ; pour en ajouter une, recopiez le bloc [[measure]] avec un autre `id`.
[[measure]]
# Identifiant court de la mesure : lettres, chiffres, -, _ ou .
id = "prime-socio-educatif"
# Nature : net_monthly, gross_monthly, points, point_value ou coefficient.
kind = "gross_monthly"
# Montant en euros par mois pour un temps plein, réduit selon l'ETP et la présence.
amount = "100.00"
# Premier mois d'application, AAAA-MM (ajoutez until = "AAAA-MM" pour un dernier mois).
from = "2025-01"
# Bénéficiaires : filiere, convention, job, sector, departement, funder (sans filtre : tous).
eligible = { filiere = ["socio-educatif"] }
# Financeurs et leurs parts, en fractions ou décimaux dont la somme vaut exactement 1.
funding = { etat = "2/3", departement = "1/3" }
"#;

/// The headers of the workforce template, in French (headers the
/// workforce reader accepts, docs/formats.md).
const HEADERS: [&str; 9] = [
    "Matricule",
    "Département",
    "CCN",
    "Emploi",
    "ETP",
    "Date_Ancienneté",
    "Date_Entrée",
    "Date_Sortie",
    "Financeur",
];

/// One example row: id, département, convention, job, fte, seniority,
/// entry and exit dates (ISO, or empty), funder.
type ExampleRow = [&'static str; 9];

/// Three employees of the shipped grids: a full-time éducateur spécialisé
/// (CCN 66), a part-time aide-soignant (not eligible to the measure) and a
/// half-time moniteur-éducateur (CCN 51) who leaves in June 2025.
const ROWS: [ExampleRow; 3] = [
    [
        "E001",
        "69",
        "ccn66",
        "ES",
        "1",
        "2015-09-01",
        "",
        "",
        "departement",
    ],
    [
        "E002",
        "69",
        "ccn66",
        "AS",
        "0.8",
        "2021-03-15",
        "",
        "",
        "etat",
    ],
    [
        "E003",
        "13",
        "ccn51",
        "ME",
        "0.5",
        "2012-01-01",
        "2024-03-01",
        "2025-06-30",
        "etat",
    ],
];

/// The short guide to the folder.
const LISEZMOI: &str = "revalo : votre dossier de départ
================================

scenario.toml   le scénario : la mesure, les années, le fichier des effectifs (chaque clé est
                commentée).
effectifs.csv   les effectifs, un salarié par ligne, au format d'un Excel français
                (point-virgule, virgule décimale) : remplacez les trois lignes d'exemple.
effectifs.xlsx  le même modèle en classeur ; revalo lit le fichier que nomme `workforce`
                dans scenario.toml : dans Excel, « Enregistrer sous » → « CSV (séparateur :
                point-virgule) » sous le nom effectifs.csv.

Colonnes : Matricule, Département (code INSEE), CCN (ccn66, ccn66-nexem ou ccn51), Emploi
(code de la grille : ES, ME, AS…), ETP (0 < ETP ≤ 1), Date_Ancienneté, Date_Entrée et
Date_Sortie (JJ/MM/AAAA, vides si le salarié est présent tout l'horizon), Financeur (etat,
departement, conjoint, autre ou vide).

Ensuite, depuis ce dossier :

  revalo validate scenario.toml                      vérifier les fichiers
  revalo simulate scenario.toml                      le coût par département et par année
  revalo report scenario.toml --out rapport.html     le rapport avec la carte
";

/// The folder's files, by name, and how each is made.
fn files() -> Result<Vec<(&'static str, Vec<u8>)>> {
    Ok(vec![
        ("scenario.toml", SCENARIO_TOML.as_bytes().to_vec()),
        ("effectifs.csv", workforce_csv()),
        ("effectifs.xlsx", workforce_xlsx()?),
        ("LISEZMOI.txt", LISEZMOI.as_bytes().to_vec()),
    ])
}

/// `2015-09-01` → `01/09/2015`; empty stays empty.
fn french_date(iso: &str) -> String {
    match iso.parse::<Date>() {
        Ok(d) => format!("{:02}/{:02}/{}", d.day(), d.month(), d.year()),
        Err(_) => String::new(),
    }
}

/// The template as a French Excel saves a CSV: UTF-8 BOM, `;`, decimal
/// comma, dates `DD/MM/YYYY`, CRLF line endings.
fn workforce_csv() -> Vec<u8> {
    let mut text = String::from("\u{feff}");
    text.push_str(&HEADERS.join(";"));
    text.push_str("\r\n");
    for row in ROWS {
        let fields: Vec<String> = row
            .iter()
            .enumerate()
            .map(|(i, field)| match i {
                4 => field.replace('.', ","),
                5..=7 => french_date(field),
                _ => field.to_string(),
            })
            .collect();
        text.push_str(&fields.join(";"));
        text.push_str("\r\n");
    }
    text.into_bytes()
}

/// The template as a workbook: the same headers and rows, dates as dates
/// and working times as numbers.
fn workforce_xlsx() -> Result<Vec<u8>> {
    let rows = ROWS
        .iter()
        .map(|row| {
            row.iter()
                .enumerate()
                .map(|(i, field)| match (i, field.parse::<Date>()) {
                    (_, _) if field.is_empty() => Cell::Empty,
                    (4, _) => Cell::Number(
                        Decimal::from_str(field).unwrap_or_default(),
                        NumberStyle::General,
                    ),
                    (5..=7, Ok(d)) => Cell::Date(d),
                    _ => Cell::Text(field.to_string()),
                })
                .collect()
        })
        .collect();
    let sheet = Sheet {
        name: "effectifs".to_string(),
        columns: HEADERS.iter().map(|h| h.to_string()).collect(),
        rows,
    };
    let mut bytes = Vec::new();
    xlsx::write(&[sheet], &mut bytes).context("cannot make the workbook template")?;
    Ok(bytes)
}

/// Writes `bytes` to `path`, all or nothing, and never over an existing
/// file.
fn write_new(path: &Path, bytes: &[u8]) -> Result<()> {
    let folder = path.parent().unwrap_or(Path::new("."));
    let mut temp = tempfile::Builder::new()
        .prefix(".revalo-")
        .tempfile_in(folder)
        .with_context(|| format!("cannot write in `{}`", folder.display()))?;
    temp.write_all(bytes)
        .and_then(|()| temp.as_file().sync_all())
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let _ = temp
            .as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644));
    }
    temp.persist_noclobber(path)
        .map_err(|e| e.error)
        .with_context(|| format!("cannot write `{}`", path.display()))?;
    Ok(())
}

/// Runs `revalo init`.
pub fn run(args: &InitArgs) -> Result<Outcome> {
    let dir = args.dir.clone().unwrap_or_else(|| PathBuf::from("."));
    let files = files()?;
    for (name, _) in &files {
        let path = dir.join(name);
        if path.symlink_metadata().is_ok() {
            bail!(
                "`{}` exists: revalo init never overwrites a file (choose another folder, or move it away); nothing was written",
                path.display()
            );
        }
    }
    std::fs::create_dir_all(&dir)
        .with_context(|| format!("cannot create the folder `{}`", dir.display()))?;
    for (name, bytes) in &files {
        write_new(&dir.join(name), bytes)?;
    }
    let shown = |name: &str| match &args.dir {
        Some(dir) => dir.join(name).display().to_string(),
        None => name.to_string(),
    };
    let scenario = shown("scenario.toml");
    super::common::write_output(None, |out| {
        let names: Vec<String> = files.iter().map(|(name, _)| shown(name)).collect();
        writeln!(out, "wrote {}", names.join(", "))?;
        writeln!(out, "next:")?;
        writeln!(out, "  revalo validate {scenario}")?;
        writeln!(out, "  revalo simulate {scenario}")?;
        writeln!(out, "  revalo report {scenario} --out rapport.html")
    })?;
    Ok(Outcome::Success)
}
