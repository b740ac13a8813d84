//! Gruppöversikt's choices: which group the view shows and the order of its rows (by name in
//! Swedish order, or by a column's share), both kept in the address bar (`gruppvy`, `gruppsort`).

use std::cmp::Ordering;

use crate::compare::learn::swedish_key;
use crate::model::Area;
use crate::protocol::GroupOf;
use crate::reference::Reference;
use crate::report::group::{GroupChoice, GroupRow, GroupTable};

/// The group the view shows.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum GroupView {
    /// The chosen kommun and its peers (the peer group chosen in the page's settings).
    #[default]
    Jamforelsegrupp,
    /// Every kommun of the chosen kommun's län.
    EgetLan,
    /// Every kommun of a län, by code ("01").
    Lan(String),
    /// Every kommun.
    Alla,
}

impl GroupView {
    /// The key in the address bar (`gruppvy=`): `jamforelsegrupp`, `eget-lan`, `lan:01`, `alla`.
    pub fn key(&self) -> String {
        match self {
            GroupView::Jamforelsegrupp => "jamforelsegrupp".to_owned(),
            GroupView::EgetLan => "eget-lan".to_owned(),
            GroupView::Lan(code) => format!("lan:{code}"),
            GroupView::Alla => "alla".to_owned(),
        }
    }

    /// The view of a key; an unknown län or key is none.
    pub fn from_key(key: &str) -> Option<GroupView> {
        match key.trim() {
            "jamforelsegrupp" => Some(GroupView::Jamforelsegrupp),
            "eget-lan" => Some(GroupView::EgetLan),
            "alla" => Some(GroupView::Alla),
            other => {
                let code = other.strip_prefix("lan:")?;
                let code = format!("{code:0>2}");
                Reference::get()
                    .lan(&code)
                    .map(|l| GroupView::Lan(l.kod.clone()))
            }
        }
    }

    /// What the worker is asked for, given the chosen kommun (or stadsdel) code; why not, in
    /// Swedish, when the group needs a kommun and none is chosen.
    pub fn group_of(&self, kommun: &str) -> Result<GroupOf, String> {
        match self {
            GroupView::Jamforelsegrupp if kommun.is_empty() => {
                Err("Välj kommun för att se dess jämförelsegrupp.".to_owned())
            }
            GroupView::Jamforelsegrupp => Ok(GroupOf::Jamforelsegrupp),
            GroupView::EgetLan => own_lan(kommun)
                .map(|code| GroupOf::Grupp(GroupChoice::Lan(code)))
                .ok_or_else(|| "Välj kommun för att se dess län.".to_owned()),
            GroupView::Lan(code) => Ok(GroupOf::Grupp(GroupChoice::Lan(code.clone()))),
            GroupView::Alla => Ok(GroupOf::Grupp(GroupChoice::Alla)),
        }
    }
}

/// The län of a kommun or stadsdel code ("0180:Bromma" is Stockholm's).
pub fn own_lan(kommun: &str) -> Option<String> {
    let code = kommun.split(':').next().unwrap_or(kommun);
    Reference::get().kommun(code).map(|k| k.lanskod.clone())
}

/// What the rows are sorted by: the name, an area's column or Totalt. By area rather than by
/// position, so that the order survives a reload, another group and files read anew.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum SortColumn {
    #[default]
    Name,
    Area(Area),
    Total,
}

impl SortColumn {
    /// The column's key in the address bar: `kommun`, `totalt` or the area's key.
    fn key(self) -> &'static str {
        match self {
            SortColumn::Name => "kommun",
            SortColumn::Total => "totalt",
            SortColumn::Area(area) => area.key(),
        }
    }

    fn from_key(key: &str) -> Option<SortColumn> {
        match key {
            "kommun" => Some(SortColumn::Name),
            "totalt" => Some(SortColumn::Total),
            other => Area::from_key(other).map(SortColumn::Area),
        }
    }
}

/// The rows' order: a column and its direction.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Sort {
    pub column: SortColumn,
    pub descending: bool,
}

impl Sort {
    /// The key in the address bar (`gruppsort=`): the column's key and `stigande` or `fallande`,
    /// as `totalt:fallande`.
    pub fn key(self) -> String {
        let direction = if self.descending {
            "fallande"
        } else {
            "stigande"
        };
        format!("{}:{direction}", self.column.key())
    }

    /// The order the table can show: a column it does not have (an area no longer loaded) is
    /// the default, by name A–Ö, so that the rows and the headers' `aria-sort` agree.
    pub fn within(self, table: &GroupTable) -> Sort {
        match self.column {
            SortColumn::Area(_) if figures_index(table, self.column).is_none() => Sort::default(),
            _ => self,
        }
    }

    /// The order of a key; an unknown column or direction is none.
    pub fn from_key(key: &str) -> Option<Sort> {
        let (column, direction) = key.trim().split_once(':')?;
        let descending = match direction {
            "stigande" => false,
            "fallande" => true,
            _ => return None,
        };
        Some(Sort {
            column: SortColumn::from_key(column)?,
            descending,
        })
    }

    /// The order after the user presses a column's button: the same column turns around; a
    /// new one starts with names A–Ö and figures highest first.
    pub fn toggle(self, column: SortColumn) -> Sort {
        if self.column == column {
            Sort {
                column,
                descending: !self.descending,
            }
        } else {
            Sort {
                column,
                descending: column != SortColumn::Name,
            }
        }
    }

    /// The column's `aria-sort`.
    pub fn aria(self, column: SortColumn) -> &'static str {
        match (self.column == column, self.descending) {
            (false, _) => "none",
            (true, false) => "ascending",
            (true, true) => "descending",
        }
    }
}

/// The rows' indices in the order `sort` gives: by name in Swedish order (å, ä, ö after z), or
/// by a column's share with ties by name; a row without a figure in the column last either way.
/// A column the table does not have sorts by name ([`Sort::within`]).
pub fn sorted(table: &GroupTable, sort: Sort) -> Vec<usize> {
    let sort = sort.within(table);
    let keys: Vec<String> = table.rows.iter().map(|r| swedish_key(&r.name)).collect();
    let by_name = |a: usize, b: usize| keys.get(a).cmp(&keys.get(b));
    let mut order: Vec<usize> = (0..table.rows.len()).collect();
    order.sort_by(|&a, &b| match figures_index(table, sort.column) {
        None if sort.descending => by_name(b, a),
        None => by_name(a, b),
        Some(k) => {
            let share = |i: usize| table.rows.get(i).and_then(|r| share(r, k));
            let by_share = match (share(a), share(b)) {
                (Some(x), Some(y)) if sort.descending => y.cmp(&x),
                (Some(x), Some(y)) => x.cmp(&y),
                (Some(_), None) => Ordering::Less,
                (None, Some(_)) => Ordering::Greater,
                (None, None) => Ordering::Equal,
            };
            by_share.then_with(|| by_name(a, b))
        }
    });
    order
}

/// The index of a column of figures among a row's cells (Totalt after the areas); none for the
/// name or an area the table does not have.
pub fn figures_index(table: &GroupTable, column: SortColumn) -> Option<usize> {
    match column {
        SortColumn::Name => None,
        SortColumn::Total => Some(table.areas.len()),
        SortColumn::Area(area) => table.areas.iter().position(|a| a.area == area),
    }
}

/// A row's share in column `k` (Totalt after the areas).
fn share(row: &GroupRow, k: usize) -> Option<crate::score::Ratio> {
    let cell = row.cells.get(k).or(if k == row.cells.len() {
        Some(&row.total)
    } else {
        None
    })?;
    cell.score.as_ref()?.share
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::report::group::group_table;
    use crate::score::DelvisRule;

    /// Stockholms län and a code no file has, over the generator's ekonomiskt bistånd 2020 and
    /// missbruk 2020 (two columns and Totalt).
    fn table() -> GroupTable {
        let datasets: Vec<_> = crate::exempel::example_files()
            .unwrap()
            .into_iter()
            .filter(|f| {
                f.name.contains("2020-ekonomiskt-bistand") || f.name.contains("2020-missbruk")
            })
            .flat_map(|f| {
                crate::ingest::read_workbook(&f.name, &f.bytes, &Default::default())
                    .unwrap()
                    .datasets
            })
            .collect();
        let (_, mut codes) = GroupChoice::Lan("01".into()).members().unwrap();
        codes.push("2599".into());
        group_table(&datasets, "Prov", &codes, Some("0138"), DelvisRule::Halv)
    }

    fn names(table: &GroupTable, order: &[usize]) -> Vec<String> {
        order.iter().map(|&i| table.rows[i].name.clone()).collect()
    }

    #[test]
    fn by_name_in_swedish_order_both_ways() {
        let table = table();
        let up = names(&table, &sorted(&table, Sort::default()));
        let last = up.last().unwrap();
        assert_eq!(last, "Österåker", "{up:?}");
        let pos = |n: &str| up.iter().position(|x| x == n).unwrap();
        assert!(pos("Vaxholm") < pos("Värmdö") && pos("Värmdö") < pos("Österåker"));
        assert!(pos("Tyresö") < pos("Täby"));
        assert!(up
            .windows(2)
            .all(|w| swedish_key(&w[0]) <= swedish_key(&w[1])));
        let down = Sort::default().toggle(SortColumn::Name);
        assert_eq!(down.aria(SortColumn::Name), "descending");
        let mut back = names(&table, &sorted(&table, down));
        back.reverse();
        assert_eq!(back, up);
    }

    #[test]
    fn by_share_highest_first_ties_by_name_missing_last() {
        let table = table();
        let columns = table.areas.iter().map(|a| SortColumn::Area(a.area));
        for (k, column) in columns.chain([SortColumn::Total]).enumerate() {
            assert_eq!(figures_index(&table, column), Some(k));
            let sort = Sort::default().toggle(column);
            assert!(sort.descending);
            assert_eq!(sort.aria(column), "descending");
            assert_eq!(sort.aria(SortColumn::Name), "none");
            let order = sorted(&table, sort);
            let rows: Vec<_> = order.iter().map(|&i| &table.rows[i]).collect();
            // The rows without a figure (the code no file has among them) come last.
            let with: Vec<_> = rows.iter().filter(|r| share(r, k).is_some()).collect();
            let missing = &rows[with.len()..];
            assert!(missing.iter().all(|r| share(r, k).is_none()));
            assert!(missing.iter().any(|r| r.code == "2599"));
            assert!(with.len() > 20, "{}", with.len());
            for pair in with.windows(2) {
                let (a, b) = (share(pair[0], k).unwrap(), share(pair[1], k).unwrap());
                assert!(a >= b);
                if a == b {
                    assert!(swedish_key(&pair[0].name) <= swedish_key(&pair[1].name));
                }
            }
            // Lowest first, still missing last.
            let up = sorted(&table, sort.toggle(column));
            assert!(share(&table.rows[*up.last().unwrap()], k).is_none());
            let first = share(&table.rows[up[0]], k).unwrap();
            assert!(with.iter().all(|r| share(r, k).unwrap() >= first));
        }
    }

    #[test]
    fn an_area_the_table_lacks_sorts_by_name() {
        let table = table();
        let absent = Sort::default().toggle(SortColumn::Area(Area::Socialpsykiatri));
        assert_eq!(figures_index(&table, absent.column), None);
        assert_eq!(absent.within(&table), Sort::default());
        let by_total = Sort::default().toggle(SortColumn::Total);
        assert_eq!(by_total.within(&table), by_total);
        assert_eq!(sorted(&table, absent), sorted(&table, Sort::default()));
    }

    #[test]
    fn the_sort_keys_round_trip() {
        let sorts = [
            Sort::default(),
            Sort::default().toggle(SortColumn::Name),
            Sort::default().toggle(SortColumn::Total),
            Sort::default()
                .toggle(SortColumn::Area(Area::Missbruk))
                .toggle(SortColumn::Area(Area::Missbruk)),
        ];
        for sort in sorts {
            assert_eq!(Sort::from_key(&sort.key()), Some(sort), "{}", sort.key());
        }
        assert_eq!(Sort::default().key(), "kommun:stigande");
        assert_eq!(
            Sort::from_key("totalt:fallande"),
            Some(Sort {
                column: SortColumn::Total,
                descending: true
            })
        );
        for bad in [
            "",
            "totalt",
            "totalt:uppåt",
            "nonsens:fallande",
            ":stigande",
        ] {
            assert_eq!(Sort::from_key(bad), None, "{bad}");
        }
    }

    #[test]
    fn the_group_keys_round_trip_and_own_lan_is_the_kommuns() {
        for view in [
            GroupView::Jamforelsegrupp,
            GroupView::EgetLan,
            GroupView::Lan("01".into()),
            GroupView::Alla,
        ] {
            assert_eq!(GroupView::from_key(&view.key()), Some(view));
        }
        assert_eq!(
            GroupView::from_key("lan:1"),
            Some(GroupView::Lan("01".into()))
        );
        assert_eq!(GroupView::from_key("lan:99"), None);
        assert_eq!(GroupView::from_key("nonsens"), None);
        assert_eq!(
            GroupView::EgetLan.group_of("0180:Bromma"),
            Ok(GroupOf::Grupp(GroupChoice::Lan("01".into())))
        );
        assert_eq!(
            GroupView::EgetLan.group_of("1280"),
            Ok(GroupOf::Grupp(GroupChoice::Lan("12".into())))
        );
        assert!(GroupView::Jamforelsegrupp.group_of("").is_err());
        assert_eq!(
            GroupView::Alla.group_of(""),
            Ok(GroupOf::Grupp(GroupChoice::Alla))
        );
    }
}
