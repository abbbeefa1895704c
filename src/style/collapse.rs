//! Vertical margins as CSS 2.1 (8.3.1) collapses them: a block flow fed box by box (opened,
//! given line content, closed) that returns every box's border-box top and height.
//!
//! Adjoining margins (no line box, padding or border between them) collapse to the largest
//! positive one plus the most negative one: a box's bottom margin with its next sibling's top
//! margin; a box's top margin with its first child's when the box has no top padding or border
//! and does not contain its children's margins (a new block formatting context: `flow-root`,
//! `overflow` other than visible, floats, cells, flex and grid containers); a box's bottom
//! margin with its last child's when it has no bottom padding or border, an `auto` height and no
//! `min-height`; and a box's own top and bottom margins when it has no content, padding, border,
//! height or min-height at all ("collapsing through"). The flow's root contains its children's
//! margins (the judge's content root is `display: flow-root`). Floats and clearance are not
//! modelled.
//!
//! The flow also says where a box inserted between two of the root's children would go (an ad
//! slot: a `min-height` box without margins): [`Flow::gap`].

/// Adjoining margins: the largest positive and the most negative so far.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Margins {
    positive: f64,
    negative: f64,
}

impl Margins {
    /// One margin.
    pub fn of(margin: f64) -> Margins {
        Margins::default().with(margin)
    }

    /// These margins and one more adjoining them.
    ///
    /// ```
    /// use adslot::style::Margins;
    /// assert_eq!(Margins::of(16.0).with(24.0).collapsed(), 24.0);
    /// assert_eq!(Margins::of(16.0).with(-4.0).collapsed(), 12.0);
    /// assert_eq!(Margins::of(-10.0).with(-4.0).collapsed(), -10.0);
    /// ```
    pub fn with(self, margin: f64) -> Margins {
        Margins {
            positive: self.positive.max(margin),
            negative: self.negative.min(margin),
        }
    }

    /// The collapsed margin: largest positive plus most negative.
    pub fn collapsed(self) -> f64 {
        self.positive + self.negative
    }
}

/// A box's vertical edges as the flow sees them.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct VerticalBox {
    /// Top margin.
    pub margin_top: f64,
    /// Bottom margin.
    pub margin_bottom: f64,
    /// Top border plus top padding.
    pub top: f64,
    /// Bottom padding plus bottom border.
    pub bottom: f64,
    /// A `height` (content box, px); `None` for auto.
    pub height: Option<f64>,
    /// `min-height` (content box, px).
    pub min_height: f64,
    /// Whether it contains its children's margins (starts a block formatting context).
    pub contains_margins: bool,
}

impl VerticalBox {
    /// A box of these margins and nothing else.
    pub fn margins(top: f64, bottom: f64) -> VerticalBox {
        VerticalBox {
            margin_top: top,
            margin_bottom: bottom,
            ..VerticalBox::default()
        }
    }

    /// A box from a computed style: its margins, borders, padding, height, min-height and
    /// whether it contains its children's margins.
    pub fn of(style: &super::ComputedStyle) -> VerticalBox {
        VerticalBox {
            margin_top: style.margin.top,
            margin_bottom: style.margin.bottom,
            top: style.border.top + style.padding.top,
            bottom: style.border.bottom + style.padding.bottom,
            height: style.height,
            min_height: style.min_height,
            contains_margins: style.contains_margins(),
        }
    }
}

/// Where a box went: its border-box top (from the flow's content top) and height, in px.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Placed {
    /// Top of the border box.
    pub top: f64,
    /// Height of the border box.
    pub height: f64,
}

/// The index of a box in the flow, in the order boxes were opened.
pub type BoxId = usize;

/// Where a box inserted at a gap of the flow's root (margins none, height its own) would go.
///
/// It keeps the margins before it from collapsing with those after it: it starts below the
/// margins before it, and what follows it moves down by its height plus `growth`, the part of
/// the margins that had collapsed together (the smaller of two positive margins; negative when
/// both sides' margins are negative).
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct GapPlace {
    /// Where the inserted box's top would be, in the flow without it.
    pub top: f64,
    /// How much more than the inserted box's height everything after it would move down.
    pub growth: f64,
}

/// A gap asked for whose margins after it are still adjoining.
#[derive(Clone, Copy, Debug)]
struct OpenGap {
    id: usize,
    /// The margins before the gap.
    before: Margins,
    /// The margins after it so far.
    after: Margins,
}

#[derive(Clone, Debug)]
struct Frame {
    id: BoxId,
    edges: VerticalBox,
    /// Whether its border-box top is known (something separated its top margin from what
    /// follows: padding, border, content, or it contains its children's margins).
    resolved: bool,
    /// Boxes closed empty inside it before its top was known: their top is its top.
    waiting: Vec<BoxId>,
}

/// A block formatting context fed in document order.
///
/// ```
/// use adslot::style::{Flow, VerticalBox};
/// let mut flow = Flow::new();
/// // <p style="margin: 16px 0">...27 px of lines...</p><h2 style="margin: 20px 0">...</h2>
/// let p = flow.open(VerticalBox::margins(16.0, 16.0));
/// flow.lines(27.0);
/// flow.close();
/// let h2 = flow.open(VerticalBox::margins(20.0, 20.0));
/// flow.lines(30.0);
/// flow.close();
/// let done = flow.finish();
/// assert_eq!(done.boxes[p].top, 16.0);
/// assert_eq!(done.boxes[h2].top, 16.0 + 27.0 + 20.0); // 16 and 20 collapse to 20
/// assert_eq!(done.height, 63.0 + 30.0 + 20.0);
/// ```
#[derive(Clone, Debug, Default)]
pub struct Flow {
    frames: Vec<Frame>,
    boxes: Vec<Placed>,
    cursor: f64,
    pending: Margins,
    gaps: Vec<GapPlace>,
    open_gaps: Vec<OpenGap>,
}

/// A finished flow: every box's place, and the flow's content height (the last box's bottom
/// margin included, as the root contains it).
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Finished {
    /// Each box, by [`BoxId`].
    pub boxes: Vec<Placed>,
    /// The content height of the flow's root.
    pub height: f64,
    /// Each gap asked for ([`Flow::gap`]), in order.
    pub gaps: Vec<GapPlace>,
}

impl Flow {
    /// An empty flow (its root contains its children's margins).
    pub fn new() -> Flow {
        Flow::default()
    }

    /// A gap here, at the root's level (called with no box open; inside a box the place is
    /// not meaningful): where a box inserted here would go is in [`Finished::gaps`] at the
    /// index returned. Gaps on both sides of a box whose margins collapse through it share
    /// margins: each is right for a slot at it alone.
    ///
    /// ```
    /// use adslot::style::{Flow, VerticalBox};
    /// let mut flow = Flow::new();
    /// // <p style="margin: 16px 0">27 px</p> [gap] <h4 style="margin: 24px 0">30 px</h4>
    /// flow.open(VerticalBox::margins(16.0, 16.0));
    /// flow.lines(27.0);
    /// flow.close();
    /// let gap = flow.gap();
    /// let h4 = flow.open(VerticalBox::margins(24.0, 24.0));
    /// flow.lines(30.0);
    /// flow.close();
    /// let done = flow.finish();
    /// assert_eq!(done.boxes[h4].top, 16.0 + 27.0 + 24.0);
    /// // A slot there starts 16 px below the `p` and keeps the 16 and the 24 apart.
    /// assert_eq!(done.gaps[gap].top, 16.0 + 27.0 + 16.0);
    /// assert_eq!(done.gaps[gap].growth, 16.0);
    /// ```
    pub fn gap(&mut self) -> usize {
        let id = self.gaps.len();
        self.gaps.push(GapPlace {
            top: self.cursor + self.pending.collapsed(),
            growth: 0.0,
        });
        self.open_gaps.push(OpenGap {
            id,
            before: self.pending,
            after: Margins::default(),
        });
        id
    }

    /// One more margin adjoining the pending ones (and those after each open gap).
    fn adjoin(&mut self, margin: f64) {
        self.pending = self.pending.with(margin);
        for g in &mut self.open_gaps {
            g.after = g.after.with(margin);
        }
    }

    /// The pending margins are placed: each open gap's inserted box would have kept its
    /// margins before and after apart.
    fn close_gaps(&mut self) {
        let all = self.pending.collapsed();
        for g in self.open_gaps.drain(..) {
            self.gaps[g.id].growth = g.before.collapsed() + g.after.collapsed() - all;
        }
    }

    /// Places the pending margins: the tops of the open boxes still waiting for one become
    /// the current position.
    fn resolve(&mut self) {
        self.close_gaps();
        let y = self.cursor + self.pending.collapsed();
        self.cursor = y;
        self.pending = Margins::default();
        for f in self.frames.iter_mut().rev() {
            if f.resolved {
                break;
            }
            f.resolved = true;
            self.boxes[f.id].top = y;
            for &w in &f.waiting {
                self.boxes[w].top = y;
            }
            self.cursor += f.edges.top;
            // Its content starts below its own top edges (0 when unresolved until now).
        }
    }

    /// Opens a box in the current one (or at the top level).
    pub fn open(&mut self, edges: VerticalBox) -> BoxId {
        let id = self.boxes.len();
        self.boxes.push(Placed::default());
        self.adjoin(edges.margin_top);
        self.frames.push(Frame {
            id,
            edges,
            resolved: false,
            waiting: Vec::new(),
        });
        if edges.top > 0.0 || edges.contains_margins {
            self.resolve();
        }
        id
    }

    /// Content of the current box that separates margins: line boxes (or a replaced
    /// element) `height` px tall.
    pub fn lines(&mut self, height: f64) {
        self.resolve();
        self.cursor += height;
    }

    /// Closes the current box.
    pub fn close(&mut self) {
        let Some(frame) = self.frames.pop() else {
            return;
        };
        let e = frame.edges;
        let id = frame.id;
        let through = !frame.resolved
            && e.bottom == 0.0
            && e.height.is_none_or(|h| h == 0.0)
            && e.min_height == 0.0
            && !e.contains_margins;
        if through {
            // No content: its margins collapse through it, with everything inside it.
            let parent_waits = self.frames.last().is_some_and(|p| !p.resolved);
            if parent_waits {
                // Its margins are collapsed with its parent's top margin: its top is the
                // parent's, known when the parent's is.
                let parent = self.frames.last_mut().expect("checked above");
                parent.waiting.push(id);
                parent.waiting.extend(frame.waiting);
            } else {
                // As if it had a bottom border: below the margins that come before its bottom.
                let top = self.cursor + self.pending.collapsed();
                self.boxes[id] = Placed { top, height: 0.0 };
                for w in frame.waiting {
                    self.boxes[w].top = top;
                }
            }
            self.adjoin(e.margin_bottom);
            return;
        }
        if !frame.resolved {
            // A padding or border at its bottom, or a height, separates its top margin from
            // what follows: its top is known now.
            self.frames.push(frame);
            self.resolve();
            self.frames.pop();
        }
        let top = self.boxes[id].top;
        let content_top = top + e.top;
        let bottom_adjoins =
            e.bottom == 0.0 && e.height.is_none() && e.min_height == 0.0 && !e.contains_margins;
        let content_end = if bottom_adjoins {
            // The last child's bottom margin passes through to join this box's own.
            self.cursor
        } else {
            self.close_gaps();
            let end = self.cursor + self.pending.collapsed();
            self.pending = Margins::default();
            end
        };
        let mut content = (content_end - content_top).max(0.0);
        if let Some(h) = e.height {
            content = h;
        }
        content = content.max(e.min_height);
        let height = e.top + content + e.bottom;
        self.boxes[id] = Placed { top, height };
        self.cursor = top + height;
        self.adjoin(e.margin_bottom);
    }

    /// Closes every open box and returns the places.
    pub fn finish(mut self) -> Finished {
        while !self.frames.is_empty() {
            self.close();
        }
        self.close_gaps();
        let height = self.cursor + self.pending.collapsed();
        Finished {
            boxes: self.boxes,
            height,
            gaps: self.gaps,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn leaf(flow: &mut Flow, edges: VerticalBox, lines: f64) -> BoxId {
        let id = flow.open(edges);
        if lines > 0.0 {
            flow.lines(lines);
        }
        flow.close();
        id
    }

    // CSS 2.1 8.3.1, case by case.
    #[test]
    fn siblings_collapse_to_the_larger() {
        let mut f = Flow::new();
        let a = leaf(&mut f, VerticalBox::margins(10.0, 30.0), 20.0);
        let b = leaf(&mut f, VerticalBox::margins(20.0, 0.0), 20.0);
        let r = f.finish();
        assert_eq!(
            r.boxes[a],
            Placed {
                top: 10.0,
                height: 20.0
            }
        );
        assert_eq!(r.boxes[b].top, 60.0);
        assert_eq!(r.height, 80.0);
    }

    #[test]
    fn negative_margins_add_to_the_largest_positive() {
        let mut f = Flow::new();
        leaf(&mut f, VerticalBox::margins(0.0, 30.0), 20.0);
        let b = leaf(&mut f, VerticalBox::margins(-10.0, 0.0), 20.0);
        assert_eq!(f.finish().boxes[b].top, 40.0);
    }

    #[test]
    fn first_child_margin_goes_through_a_parent_without_top_edges() {
        let mut f = Flow::new();
        let parent = f.open(VerticalBox::margins(16.0, 16.0));
        let child = leaf(&mut f, VerticalBox::margins(24.0, 24.0), 30.0);
        f.close();
        let r = f.finish();
        assert_eq!(
            r.boxes[parent],
            Placed {
                top: 24.0,
                height: 30.0
            }
        );
        assert_eq!(r.boxes[child].top, 24.0);
        assert_eq!(r.height, 24.0 + 30.0 + 24.0);
    }

    #[test]
    fn padding_or_a_new_flow_keeps_the_child_margin_inside() {
        for edges in [
            VerticalBox {
                top: 1.0,
                bottom: 1.0,
                ..VerticalBox::margins(16.0, 16.0)
            },
            VerticalBox {
                contains_margins: true,
                ..VerticalBox::margins(16.0, 16.0)
            },
        ] {
            let mut f = Flow::new();
            let parent = f.open(edges);
            let child = leaf(&mut f, VerticalBox::margins(24.0, 24.0), 30.0);
            f.close();
            let r = f.finish();
            let t = edges.top;
            assert_eq!(r.boxes[parent].top, 16.0);
            assert_eq!(r.boxes[child].top, 16.0 + t + 24.0);
            assert_eq!(r.boxes[parent].height, 2.0 * t + 24.0 + 30.0 + 24.0);
        }
    }

    #[test]
    fn an_empty_box_collapses_through() {
        let mut f = Flow::new();
        leaf(&mut f, VerticalBox::margins(0.0, 10.0), 20.0);
        let empty = leaf(&mut f, VerticalBox::margins(30.0, 5.0), 0.0);
        let next = leaf(&mut f, VerticalBox::margins(12.0, 0.0), 20.0);
        let r = f.finish();
        assert_eq!(
            r.boxes[empty],
            Placed {
                top: 50.0,
                height: 0.0
            }
        );
        assert_eq!(
            r.boxes[next].top, 50.0,
            "10, 30, 5 and 12 are one margin of 30"
        );
    }

    #[test]
    fn min_height_or_height_stops_collapsing_through() {
        let mut f = Flow::new();
        leaf(&mut f, VerticalBox::margins(0.0, 10.0), 20.0);
        let slot = leaf(
            &mut f,
            VerticalBox {
                min_height: 302.0,
                ..VerticalBox::margins(0.0, 0.0)
            },
            0.0,
        );
        let next = leaf(&mut f, VerticalBox::margins(16.0, 0.0), 20.0);
        let r = f.finish();
        assert_eq!(
            r.boxes[slot],
            Placed {
                top: 30.0,
                height: 302.0
            }
        );
        assert_eq!(r.boxes[next].top, 30.0 + 302.0 + 16.0);
    }

    #[test]
    fn last_child_margin_goes_through_a_parent_without_bottom_edges() {
        let mut f = Flow::new();
        let parent = f.open(VerticalBox::margins(0.0, 10.0));
        leaf(&mut f, VerticalBox::margins(0.0, 40.0), 20.0);
        f.close();
        let next = leaf(&mut f, VerticalBox::margins(0.0, 0.0), 20.0);
        let r = f.finish();
        assert_eq!(r.boxes[parent].height, 20.0);
        assert_eq!(r.boxes[next].top, 60.0);
    }

    #[test]
    fn an_empty_first_child_takes_its_parents_top() {
        let mut f = Flow::new();
        leaf(&mut f, VerticalBox::margins(0.0, 0.0), 10.0);
        let parent = f.open(VerticalBox::margins(5.0, 0.0));
        let empty = leaf(&mut f, VerticalBox::margins(8.0, 8.0), 0.0);
        let child = leaf(&mut f, VerticalBox::margins(20.0, 0.0), 10.0);
        f.close();
        let r = f.finish();
        assert_eq!(r.boxes[parent].top, 30.0);
        assert_eq!(r.boxes[empty].top, 30.0);
        assert_eq!(r.boxes[child].top, 30.0);
    }

    #[test]
    fn explicit_height_fixes_the_box() {
        let mut f = Flow::new();
        let b = f.open(VerticalBox {
            height: Some(100.0),
            ..VerticalBox::margins(0.0, 0.0)
        });
        leaf(&mut f, VerticalBox::margins(0.0, 0.0), 300.0);
        f.close();
        let after = leaf(&mut f, VerticalBox::margins(0.0, 0.0), 10.0);
        let r = f.finish();
        assert_eq!(r.boxes[b].height, 100.0);
        assert_eq!(r.boxes[after].top, 100.0);
    }
}
