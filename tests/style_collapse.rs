//! Margin collapsing (`adslot::style::Flow`) against a separately written checker on random box
//! trees: the checker flattens the tree into margins and separators (edges, line content) and
//! collapses each run of margins with nothing between them, with CSS 2.1 8.3.1's rules for the
//! top of a box its margins collapse through. Heights and min-heights are left out of the
//! trees (the unit tests cover them).
//!
//! Where the flow says a slot inserted between two top-level boxes goes (`Flow::gap`) is held to
//! the checker's layout of the tree with that slot in it.

use adslot::style::{Flow, VerticalBox};
use proptest::prelude::*;

#[derive(Clone, Debug)]
struct Node {
    margin_top: i32,
    margin_bottom: i32,
    top: i32,
    bottom: i32,
    contains: bool,
    lines: i32,
    children: Vec<Node>,
}

fn node() -> impl Strategy<Value = Node> {
    let edge = prop_oneof![3 => Just(0), 1 => 1..6i32];
    let lines = prop_oneof![2 => Just(0), 1 => 10..40i32];
    let leaf = (
        -20..40i32,
        -20..40i32,
        edge.clone(),
        edge,
        prop::bool::weighted(0.2),
        lines,
    )
        .prop_map(|(mt, mb, top, bottom, contains, lines)| Node {
            margin_top: mt,
            margin_bottom: mb,
            top,
            bottom,
            contains,
            lines,
            children: Vec::new(),
        });
    leaf.prop_recursive(3, 24, 3, |inner| {
        (inner.clone(), prop::collection::vec(inner, 0..4)).prop_map(|(mut n, children)| {
            n.children = children;
            n
        })
    })
}

/// adslot's flow, boxes in the order they open, and its gaps before each root and at the end.
fn flow(roots: &[Node]) -> (Vec<(f64, f64)>, f64, Vec<adslot::style::GapPlace>) {
    fn feed(f: &mut Flow, n: &Node) {
        f.open(VerticalBox {
            margin_top: f64::from(n.margin_top),
            margin_bottom: f64::from(n.margin_bottom),
            top: f64::from(n.top),
            bottom: f64::from(n.bottom),
            height: None,
            min_height: 0.0,
            contains_margins: n.contains,
        });
        if n.lines > 0 {
            f.lines(f64::from(n.lines));
        }
        for c in &n.children {
            feed(f, c);
        }
        f.close();
    }
    let mut f = Flow::new();
    for n in roots {
        f.gap();
        feed(&mut f, n);
    }
    f.gap();
    let done = f.finish();
    let boxes = done.boxes.iter().map(|p| (p.top, p.height)).collect();
    (boxes, done.height, done.gaps)
}

/// Boxes in a tree.
fn count(n: &Node) -> usize {
    1 + n.children.iter().map(count).sum::<usize>()
}

/// The checker's flat form of the tree.
#[derive(Clone, Copy, Debug)]
enum Event {
    /// A margin of box `.0` (`top`: its top margin).
    Margin { id: usize, top: bool, px: f64 },
    /// Something margins cannot collapse across, `px` tall (0 for a box that contains its
    /// children's margins).
    Separator { px: f64 },
    /// Box `.0` ends here (its bottom border edge is where the flow is after the last
    /// separator, or its content top and edges if that is lower).
    End(usize),
}

/// The boxes of the flat form: parent and top/bottom edges, in the order they open.
#[derive(Default)]
struct Boxes {
    parent: Vec<Option<usize>>,
    edges: Vec<(f64, f64)>,
}

fn flatten(n: &Node, parent: Option<usize>, events: &mut Vec<Event>, boxes: &mut Boxes) {
    let id = boxes.parent.len();
    boxes.parent.push(parent);
    boxes.edges.push((f64::from(n.top), f64::from(n.bottom)));
    events.push(Event::Margin {
        id,
        top: true,
        px: f64::from(n.margin_top),
    });
    if n.top > 0 || n.contains {
        events.push(Event::Separator {
            px: f64::from(n.top),
        });
    }
    if n.lines > 0 {
        events.push(Event::Separator {
            px: f64::from(n.lines),
        });
    }
    for c in &n.children {
        flatten(c, Some(id), events, boxes);
    }
    if n.bottom > 0 || n.contains {
        events.push(Event::Separator {
            px: f64::from(n.bottom),
        });
    }
    events.push(Event::End(id));
    events.push(Event::Margin {
        id,
        top: false,
        px: f64::from(n.margin_bottom),
    });
}

fn collapse(margins: &[f64]) -> f64 {
    let pos = margins.iter().copied().fold(0.0, f64::max);
    let neg = margins.iter().copied().fold(0.0, f64::min);
    pos + neg
}

/// Every box's border-box top and height, and the root's content height, from the flat form.
fn check(roots: &[Node]) -> (Vec<(f64, f64)>, f64) {
    let mut events = Vec::new();
    let mut b = Boxes::default();
    for n in roots {
        flatten(n, None, &mut events, &mut b);
    }
    let parents = b.parent;
    let count = parents.len();
    // Runs of adjoining margins: for each event, the run it is in and where the run starts.
    let mut y = 0.0;
    let mut run: Vec<f64> = Vec::new();
    let mut run_id = 0;
    let mut run_of_top = vec![0; count];
    // The top of a box whose top margin is in a run that a separator ends: y after the run.
    let mut top_after_run = vec![f64::NAN; count];
    // For a box collapsed through: y at the start of its run plus the run's margins before
    // its bottom margin ("as if it had a bottom border").
    let mut through_top = vec![f64::NAN; count];
    let mut bottom_edge = vec![f64::NAN; count];
    let mut waiting: Vec<usize> = Vec::new();
    let mut separated_since_top = vec![false; count];
    for e in &events {
        match *e {
            Event::Margin { id, top, px } => {
                if top {
                    separated_since_top[id] = false;
                    run_of_top[id] = run_id;
                    waiting.push(id);
                } else if !separated_since_top[id] {
                    through_top[id] = y + collapse(&run);
                }
                run.push(px);
            }
            Event::Separator { px } => {
                y += collapse(&run);
                run.clear();
                run_id += 1;
                for id in waiting.drain(..) {
                    top_after_run[id] = y;
                }
                for s in separated_since_top.iter_mut() {
                    *s = true;
                }
                y += px;
            }
            Event::End(id) => {
                if separated_since_top[id] {
                    // A box is never shorter than its edges: negative margins inside it end
                    // its content no higher than its content top (CSS 2.1 10.6.3, 10.7).
                    let (t, bt) = b.edges[id];
                    y = f64::max(y, top_after_run[id] + t + bt);
                }
                bottom_edge[id] = y;
            }
        }
    }
    let height = y + collapse(&run);
    // Boxes waiting at the end are closed by the root, which contains their margins.
    for id in waiting.drain(..) {
        top_after_run[id] = height;
    }
    fn top_of(
        id: usize,
        parents: &[Option<usize>],
        through: &[bool],
        run_of_top: &[usize],
        top_after_run: &[f64],
        through_top: &[f64],
    ) -> f64 {
        if !through[id] {
            return top_after_run[id];
        }
        match parents[id] {
            // Its margins collapse with its parent's top margin: the parent's top.
            Some(p) if run_of_top[p] == run_of_top[id] => {
                top_of(p, parents, through, run_of_top, top_after_run, through_top)
            }
            _ => through_top[id],
        }
    }
    let through: Vec<bool> = (0..count).map(|i| !through_top[i].is_nan()).collect();
    let boxes = (0..count)
        .map(|i| {
            let top = top_of(
                i,
                &parents,
                &through,
                &run_of_top,
                &top_after_run,
                &through_top,
            );
            // Border-box height: the edges and the content between them (never negative).
            let (t, bt) = b.edges[i];
            let content = (bottom_edge[i] - bt) - (top + t);
            let h = if through[i] {
                0.0
            } else {
                t + content.max(0.0) + bt
            };
            (top, h)
        })
        .collect();
    (boxes, height)
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    #[test]
    fn margins_collapse_as_the_checker_says(roots in prop::collection::vec(node(), 1..5)) {
        let (ours, height, _) = flow(&roots);
        let (want, want_height) = check(&roots);
        prop_assert_eq!(ours.len(), want.len());
        for (i, (a, b)) in ours.iter().zip(&want).enumerate() {
            prop_assert!((a.0 - b.0).abs() < 1e-9 && (a.1 - b.1).abs() < 1e-9,
                "box {}: flow {:?}, checker {:?}", i, a, b);
        }
        prop_assert!((height - want_height).abs() < 1e-9, "height {} vs {}", height, want_height);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]
    /// A slot (a box with a height and no margins) inserted before root `at`: the checker's
    /// layout of the tree with it has the slot where the flow's gap says, and everything after
    /// it, the root's height too, moved down by the slot's height plus the gap's growth (all
    /// but the empty boxes right after it, whose margins collapse through them: where such a
    /// box is drawn is a matter of definition).
    #[test]
    fn a_slot_goes_where_the_gap_says(
        roots in prop::collection::vec(node(), 1..5),
        at in 0..5usize,
        slot in 1..300i32,
    ) {
        let at = at.min(roots.len());
        let (_, _, gaps) = flow(&roots);
        let (without, height) = check(&roots);
        let mut slotted = roots.clone();
        slotted.insert(at, Node {
            margin_top: 0,
            margin_bottom: 0,
            top: 0,
            bottom: 0,
            contains: false,
            lines: slot,
            children: Vec::new(),
        });
        let (with, with_height) = check(&slotted);
        let s = roots[..at].iter().map(count).sum::<usize>();
        let gap = gaps[at];
        prop_assert!((with[s].0 - gap.top).abs() < 1e-9, "slot at {}, gap says {:?}", with[s].0, gap);
        let shift = f64::from(slot) + gap.growth;
        for (i, w) in without.iter().enumerate() {
            if i >= s && w.1 == 0.0 {
                continue;
            }
            let (moved, want) = if i < s { (with[i], w.0) } else { (with[i + 1], w.0 + shift) };
            prop_assert!((moved.0 - want).abs() < 1e-9, "box {}: {} with the slot, {} expected", i, moved.0, want);
        }
        prop_assert!((with_height - (height + shift)).abs() < 1e-9,
            "height {} with the slot, {} + {} without", with_height, height, shift);
    }
}
