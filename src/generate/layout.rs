//! Where a generated instance's sites are, by index: a lukio in every town, a
//! vocational unit in the first towns. The offer, the rooms, the staff and the students
//! all place themselves by it, so it stands apart from each of them.

/// Where the sites are: site index `t` is town t's lukio, `towns + t` town t's
/// vocational unit (for t < `vocational_towns`).
pub struct SiteLayout {
    pub towns: usize,
    pub vocational_towns: usize,
    pub ids: Vec<String>,
}

impl SiteLayout {
    /// `sites` sites over ceil(sites / 2) towns: every town a lukio, the first towns
    /// also a vocational unit.
    pub fn new(sites: usize, corridor_towns: &[String]) -> Self {
        let towns = sites.div_ceil(2);
        let vocational_towns = sites - towns;
        let mut ids: Vec<String> = corridor_towns[..towns]
            .iter()
            .map(|t| format!("{t}-lukio"))
            .collect();
        ids.extend(
            corridor_towns[..vocational_towns]
                .iter()
                .map(|t| format!("{t}-voc")),
        );
        SiteLayout {
            towns,
            vocational_towns,
            ids,
        }
    }

    pub fn lukio(&self, town: usize) -> usize {
        town
    }

    pub fn vocational(&self, town: usize) -> usize {
        self.towns + town
    }

    pub fn is_lukio(&self, site: usize) -> bool {
        site < self.towns
    }

    pub fn town_of(&self, site: usize) -> usize {
        if self.is_lukio(site) {
            site
        } else {
            site - self.towns
        }
    }
}
