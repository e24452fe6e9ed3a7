//! A MILP written out for other solvers: the CPLEX LP and free MPS file formats, with
//! columns and rows named from the domain.
//!
//! kopa solves its models through good_lp and HiGHS, but a planner (or a researcher)
//! may want to put another solver on the same model, a commercial one included, and
//! compare. Both formats are read by HiGHS, SCIP, CP-SAT (OR-Tools), Gurobi and CPLEX.
//! The files are deterministic: columns in creation order, each row's terms by column,
//! numbers printed in Rust's shortest round-trip form. good_lp keeps an objective's
//! constant (the penalties of every request, before any is met) outside the solver;
//! here it becomes the column `objective_constant`, fixed at 1, so every solver reports
//! the same value as kopa.

use std::collections::HashMap;
use std::fmt::Write as _;

use good_lp::{Constraint, Expression, IntoAffineExpression, ProblemVariables, Variable};

use super::builder::Builder;
use super::configs::CoursePlacements;
use crate::model::Model;

/// The column that carries the objective's constant.
pub const CONSTANT_COLUMN: &str = "objective_constant";

/// One column: its name, bounds and kind.
#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub name: String,
    pub lower: f64,
    pub upper: f64,
    pub integer: bool,
}

/// One row: `terms (<= or =) rhs`, with `terms` as (column, coefficient) sorted by
/// column and without zeros.
#[derive(Debug, Clone, PartialEq)]
pub struct Row {
    pub name: String,
    pub terms: Vec<(usize, f64)>,
    pub equality: bool,
    pub rhs: f64,
}

/// A whole model, solver-neutral: minimise `objective` (terms by column) plus
/// `constant`, subject to `rows`.
#[derive(Debug, Clone, PartialEq)]
pub struct ModelFile {
    pub columns: Vec<Column>,
    pub objective: Vec<(usize, f64)>,
    pub constant: f64,
    pub rows: Vec<Row>,
}

/// The two formats, chosen by the output file's extension.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    /// CPLEX LP, `.lp`.
    Lp,
    /// Free MPS, `.mps`.
    Mps,
}

impl Format {
    /// The format a file name asks for, from its extension (`.lp` or `.mps`).
    pub fn of_extension(extension: &str) -> Option<Format> {
        match extension.to_ascii_lowercase().as_str() {
            "lp" => Some(Format::Lp),
            "mps" => Some(Format::Mps),
            _ => None,
        }
    }
}

/// kopa's whole model of `model` (the one `--strategy exact` solves), every column and
/// row named from the domain, as a model file; beside it each column's variable, in the
/// file's order, and the builder that reads a plan back from column values.
pub fn full_model_file<'m>(
    model: &'m Model,
    placements: &'m [CoursePlacements],
) -> (ModelFile, Vec<Variable>, Builder<'m>) {
    let built = Builder::build_named(model, placements);
    let row_names = built.row_names();
    let (vars, objective, rows, builder) = built.into_parts();
    let file = ModelFile::new(&vars, &objective, &rows, &row_names);
    let columns = vars.iter_variables_with_def().map(|(var, _)| var).collect();
    (file, columns, builder)
}

impl ModelFile {
    /// Gathers a good_lp model. `row_names` gives each row's name (as many as `rows`);
    /// a column without a name is called `x<column>`. Names are made safe for both
    /// formats (see [`safe_name`]) and unique.
    pub fn new(
        vars: &ProblemVariables,
        objective: &Expression,
        rows: &[Constraint],
        row_names: &[String],
    ) -> ModelFile {
        assert_eq!(rows.len(), row_names.len(), "one name per row");
        let mut index: HashMap<Variable, usize> = HashMap::new();
        let mut unique = UniqueNames::default();
        let columns: Vec<Column> = vars
            .iter_variables_with_def()
            .enumerate()
            .map(|(i, (var, def))| {
                index.insert(var, i);
                let name = def.get_name();
                let name = if name.is_empty() {
                    format!("x{i}")
                } else {
                    safe_name(name)
                };
                Column {
                    name: unique.take(name),
                    lower: def.get_min(),
                    upper: def.get_max(),
                    integer: def.is_integer(),
                }
            })
            .collect();
        let terms = |expression: &Expression| {
            let mut terms: Vec<(usize, f64)> = expression
                .linear_coefficients()
                .filter(|&(_, c)| c != 0.0)
                .map(|(var, c)| (index[&var], c))
                .collect();
            terms.sort_by_key(|&(column, _)| column);
            terms
        };
        let mut row_unique = UniqueNames::default();
        let rows = rows
            .iter()
            .zip(row_names)
            .map(|(row, name)| Row {
                name: row_unique.take(safe_name(name)),
                terms: terms(row.expression()),
                equality: row.is_equality(),
                // good_lp stores `expression <= 0` (or `= 0`) with the constant inside.
                rhs: -row.expression().constant(),
            })
            .collect();
        ModelFile {
            columns,
            objective: terms(objective),
            constant: objective.constant(),
            rows,
        }
    }

    /// The model in `format`.
    pub fn write(&self, format: Format) -> String {
        match format {
            Format::Lp => self.to_lp(),
            Format::Mps => self.to_mps(),
        }
    }

    /// CPLEX LP format.
    pub fn to_lp(&self) -> String {
        let mut out = String::new();
        out.push_str("\\ kopa's model; the column objective_constant is fixed at 1\n");
        out.push_str("Minimize\n obj:");
        let mut objective = self.objective.clone();
        objective.push((self.columns.len(), self.constant));
        self.lp_terms(&mut out, &objective);
        out.push_str("\nSubject To\n");
        for row in &self.rows {
            let _ = write!(out, " {}:", row.name);
            if row.terms.is_empty() {
                // LP rows need a term: 0 times the constant column.
                let _ = write!(out, " 0 {CONSTANT_COLUMN}");
            }
            self.lp_terms(&mut out, &row.terms);
            let sense = if row.equality { "=" } else { "<=" };
            let _ = writeln!(out, " {sense} {}", number(row.rhs));
        }
        out.push_str("Bounds\n");
        for column in &self.columns {
            let _ = writeln!(
                out,
                " {} <= {} <= {}",
                lp_bound(column.lower),
                column.name,
                lp_bound(column.upper)
            );
        }
        let _ = writeln!(out, " {CONSTANT_COLUMN} = 1");
        let integers: Vec<&str> = self
            .columns
            .iter()
            .filter(|c| c.integer)
            .map(|c| c.name.as_str())
            .collect();
        if !integers.is_empty() {
            out.push_str("General\n");
            for chunk in integers.chunks(8) {
                let _ = writeln!(out, " {}", chunk.join(" "));
            }
        }
        out.push_str("End\n");
        out
    }

    fn column_name(&self, column: usize) -> &str {
        self.columns
            .get(column)
            .map_or(CONSTANT_COLUMN, |c| c.name.as_str())
    }

    fn lp_terms(&self, out: &mut String, terms: &[(usize, f64)]) {
        for (i, &(column, c)) in terms.iter().enumerate() {
            // A line of an LP file may be at most 560 characters long in some readers.
            if i > 0 && i % 8 == 0 {
                out.push_str("\n   ");
            }
            let sign = if c < 0.0 { "-" } else { "+" };
            let _ = write!(
                out,
                " {sign} {} {}",
                number(c.abs()),
                self.column_name(column)
            );
        }
    }

    /// Free MPS format (names without spaces, fields separated by blanks).
    pub fn to_mps(&self) -> String {
        let mut out = String::new();
        out.push_str("* kopa's model; the column objective_constant is fixed at 1\n");
        out.push_str("NAME kopa\nOBJSENSE\n    MIN\nROWS\n N obj\n");
        for row in &self.rows {
            let _ = writeln!(
                out,
                " {} {}",
                if row.equality { "E" } else { "L" },
                row.name
            );
        }
        // Columns need their entries together: objective first, then rows in order.
        let mut entries: Vec<Vec<(&str, f64)>> = vec![Vec::new(); self.columns.len() + 1];
        for &(column, c) in &self.objective {
            entries[column].push(("obj", c));
        }
        entries[self.columns.len()].push(("obj", self.constant));
        for row in &self.rows {
            for &(column, c) in &row.terms {
                entries[column].push((&row.name, c));
            }
        }
        out.push_str("COLUMNS\n");
        let mut in_integers = false;
        for (column, entries) in entries.iter().enumerate() {
            let integer = self.columns.get(column).is_some_and(|c| c.integer);
            if integer != in_integers {
                let marker = if integer { "INTORG" } else { "INTEND" };
                let _ = writeln!(out, " MARKER 'MARKER' '{marker}'");
                in_integers = integer;
            }
            let name = self.column_name(column);
            if entries.is_empty() {
                // A column in no row and not in the objective still has to be declared.
                let _ = writeln!(out, " {name} obj 0");
            }
            for (row, c) in entries {
                let _ = writeln!(out, " {name} {row} {}", number(*c));
            }
        }
        if in_integers {
            out.push_str(" MARKER 'MARKER' 'INTEND'\n");
        }
        out.push_str("RHS\n");
        for row in self.rows.iter().filter(|r| r.rhs != 0.0) {
            let _ = writeln!(out, " rhs {} {}", row.name, number(row.rhs));
        }
        out.push_str("BOUNDS\n");
        for column in &self.columns {
            let name = &column.name;
            if column.lower == column.upper {
                let _ = writeln!(out, " FX bnd {name} {}", number(column.lower));
                continue;
            }
            // MPS's default bounds are [0, +inf); integer columns are written with
            // both bounds, since readers differ on an integer column's default upper.
            if column.lower == f64::NEG_INFINITY {
                let _ = writeln!(out, " MI bnd {name}");
            } else if column.lower != 0.0 || column.integer || column.upper < 0.0 {
                let _ = writeln!(out, " LO bnd {name} {}", number(column.lower));
            }
            if column.upper == f64::INFINITY {
                if column.integer {
                    let _ = writeln!(out, " PL bnd {name}");
                }
            } else {
                let _ = writeln!(out, " UP bnd {name} {}", number(column.upper));
            }
        }
        let _ = writeln!(out, " FX bnd {CONSTANT_COLUMN} 1");
        out.push_str("ENDATA\n");
        out
    }
}

/// A name both formats (and every reader tried) accept: letters, digits, `_` and `.`.
/// The domain's names are written `family[id,id]`; that becomes `family.id.id`, and
/// any other character (a hyphen, a space, a colon) becomes `_`. A name that starts
/// with a digit or a period gets a leading `_`. At most 255 characters.
pub fn safe_name(name: &str) -> String {
    let mut safe = String::with_capacity(name.len());
    for c in name.chars() {
        match c {
            c if c.is_ascii_alphanumeric() || c == '_' || c == '.' => safe.push(c),
            '[' | ',' => safe.push('.'),
            ']' => {}
            _ => safe.push('_'),
        }
    }
    if safe.starts_with(|c: char| c.is_ascii_digit() || c == '.') || safe.is_empty() {
        safe.insert(0, '_');
    }
    safe.truncate(255);
    safe
}

/// Makes names unique by appending `_2`, `_3`...
#[derive(Default)]
struct UniqueNames {
    seen: HashMap<String, usize>,
}

impl UniqueNames {
    fn take(&mut self, name: String) -> String {
        let count = self.seen.entry(name.clone()).or_insert(0);
        *count += 1;
        if *count == 1 {
            name
        } else {
            let renamed = format!("{name}_{count}");
            // The renamed form may itself be taken; then go on counting.
            self.take(renamed)
        }
    }
}

fn number(value: f64) -> String {
    if value == value.trunc() && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value:?}")
    }
}

fn lp_bound(value: f64) -> String {
    if value == f64::INFINITY {
        "+inf".to_owned()
    } else if value == f64::NEG_INFINITY {
        "-inf".to_owned()
    } else {
        number(value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use good_lp::{constraint, variable};

    fn small() -> ModelFile {
        let mut vars = ProblemVariables::new();
        let x = vars.add(variable().integer().min(0).max(3).name("open[MAA01,bar 1]"));
        let y = vars.add(variable().min(0).max(1).name("met[s1:MAA01]"));
        let z = vars.add(variable().name("free"));
        let objective = 225.0 * x + 50.0 - 50.0 * y + 0.0 * z;
        let rows = vec![
            constraint!(y <= x),
            constraint!(x + 2 * z == 4),
            constraint!(30 * x >= 5 * y),
        ];
        let names: Vec<String> = ["room", "room", "size"].map(String::from).to_vec();
        ModelFile::new(&vars, &objective, &rows, &names)
    }

    #[test]
    fn rows_keep_their_sense_and_right_hand_side() {
        let file = small();
        assert_eq!(file.constant, 50.0);
        assert_eq!(file.objective, vec![(0, 225.0), (1, -50.0)]);
        assert_eq!(file.rows[0].terms, vec![(0, -1.0), (1, 1.0)]);
        assert_eq!((file.rows[0].equality, file.rows[0].rhs), (false, 0.0));
        assert_eq!(file.rows[1].terms, vec![(0, 1.0), (2, 2.0)]);
        assert_eq!((file.rows[1].equality, file.rows[1].rhs), (true, 4.0));
        // `30 x >= 5 y` is stored as `5 y - 30 x <= 0`.
        assert_eq!(file.rows[2].terms, vec![(0, -30.0), (1, 5.0)]);
    }

    #[test]
    fn names_are_safe_and_unique() {
        let file = small();
        let names: Vec<&str> = file.columns.iter().map(|c| c.name.as_str()).collect();
        assert_eq!(names, ["open.MAA01.bar_1", "met.s1_MAA01", "free"]);
        let rows: Vec<&str> = file.rows.iter().map(|r| r.name.as_str()).collect();
        assert_eq!(rows, ["room", "room_2", "size"]);
        assert_eq!(safe_name("1st"), "_1st");
    }

    #[test]
    fn lp_file_has_every_section() {
        let lp = small().to_lp();
        assert!(
            lp.contains(" obj: + 225 open.MAA01.bar_1 - 50 met.s1_MAA01 + 50 objective_constant")
        );
        assert!(lp.contains(" room: - 1 open.MAA01.bar_1 + 1 met.s1_MAA01 <= 0\n"));
        assert!(lp.contains(" room_2: + 1 open.MAA01.bar_1 + 2 free = 4\n"));
        assert!(lp.contains(" -inf <= free <= +inf\n"));
        assert!(lp.contains("General\n open.MAA01.bar_1\n"));
        assert!(lp.ends_with("End\n"));
    }

    #[test]
    fn mps_file_marks_integers_and_bounds() {
        let mps = small().to_mps();
        assert!(mps.contains(" MARKER 'MARKER' 'INTORG'\n open.MAA01.bar_1 obj 225\n"));
        assert!(mps.contains(" MARKER 'MARKER' 'INTEND'\n met.s1_MAA01 obj -50\n"));
        assert!(mps.contains(" E room_2\n"));
        assert!(mps.contains(" rhs room_2 4\n"));
        assert!(mps.contains(" UP bnd open.MAA01.bar_1 3\n"));
        assert!(mps.contains(" MI bnd free\n"));
        assert!(mps.contains(" objective_constant obj 50\n"));
        assert!(mps.contains(" FX bnd objective_constant 1\n"));
        assert!(mps.ends_with("ENDATA\n"));
    }
}
