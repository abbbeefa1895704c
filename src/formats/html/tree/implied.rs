//! Implied end tags of the HTML reader's block pass: the open elements a start tag closes (`<p>a<p>b`, a new row or cell in table scope).

use super::super::elements::{CLOSES_P, HEADINGS, HEAD_CONTENT, SCOPE};
use super::super::table_scope;
use super::Reader;

impl Reader<'_, '_> {
    /// Pops elements a start tag `name` closes implicitly (`<p>a<p>b`, `<li>a<li>b`, ...).
    pub(super) fn close_implied(&mut self, name: &str, at: usize) {
        if self.stack.is_empty() {
            return;
        }
        if CLOSES_P.contains(&name) {
            self.close_in_scope(&["p"], &["button"], at);
        }
        match name {
            "li" => self.close_in_scope(&["li"], &["ul", "ol", "menu"], at),
            "dd" | "dt" => self.close_in_scope(&["dd", "dt"], &["dl"], at),
            "td" | "th" => self.close_in_table_scope(&["td", "th"], at),
            "tr" => self.close_in_table_scope(&["tr"], at),
            "tbody" | "thead" | "tfoot" => {
                self.close_in_table_scope(&["tbody", "thead", "tfoot", "tr"], at)
            }
            "option" => self.close_in_scope(&["option"], &["select"], at),
            "a" => self.close_in_scope(&["a"], &[], at),
            "body" => self.close_in_scope(&["head"], &[], at),
            n if HEADINGS.contains(&n)
                && self
                    .stack
                    .last()
                    .is_some_and(|f| HEADINGS.contains(&&*f.name)) =>
            {
                let top = self.stack.len() - 1;
                self.pop_to(top, at, at);
            }
            _ => {}
        }
        if !HEAD_CONTENT.contains(&name) && self.stack.last().is_some_and(|f| f.name == "head") {
            let top = self.stack.len() - 1;
            self.pop_to(top, at, at);
        }
    }

    pub(super) fn is_open(&self, name: &str) -> bool {
        self.open_counts.get(name).is_some_and(|&n| n > 0)
    }

    fn close_in_scope(&mut self, targets: &[&str], stops: &[&str], at: usize) {
        if !targets.iter().any(|t| self.is_open(t)) {
            return;
        }
        for i in (0..self.stack.len()).rev() {
            let n = &*self.stack[i].name;
            if targets.contains(&n) {
                self.pop_to(i, at, at);
                return;
            }
            if stops.contains(&n) || SCOPE.contains(&n) {
                return;
            }
        }
    }

    /// Closes the outermost of `targets` open in the innermost table (HTML's table scope, which
    /// open cells do not bound): a new row closes the open cell and row, a new cell the open
    /// cell.
    fn close_in_table_scope(&mut self, targets: &[&str], at: usize) {
        if !targets.iter().any(|t| self.is_open(t)) {
            return;
        }
        let names = self.stack.iter().map(|f| &*f.name);
        if let Some(i) = table_scope::outermost_in_table(names, targets) {
            self.pop_to(i, at, at);
        }
    }
}
