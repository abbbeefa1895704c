//! The library's answers as plain Python dicts and lists, with the keys of the CLI's JSON:
//! through serde (`pythonize`) for the summary and the geometry, key by key for the plan.

use adslot::{Plan, Reason};
use pyo3::intern;
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};
use serde::Serialize;

/// `value` as Python data: structs and maps as dicts, sequences as lists.
pub fn to_py<'py, T: Serialize>(py: Python<'py>, value: &T) -> PyResult<Bound<'py, PyDict>> {
    let object = pythonize::pythonize(py, value)?;
    Ok(object.cast_into::<PyDict>()?)
}

/// A plan as `adslot place` prints it in JSON, built key by key with interned keys: the hot
/// path of `place` and `place_many` (about 10% of a 2,000-word `place` call through
/// `pythonize`, which makes each key anew). The tests hold it to the CLI's JSON on every
/// fixture, with and without `explain`.
pub fn plan<'py>(py: Python<'py>, plan: &Plan) -> PyResult<Bound<'py, PyDict>> {
    let d = PyDict::new(py);
    d.set_item(intern!(py, "id"), plan.id.as_deref())?;
    d.set_item(intern!(py, "device"), plan.device.as_str())?;
    let placements = PyList::empty(py);
    for p in &plan.placements {
        let x = PyDict::new(py);
        x.set_item(intern!(py, "before_block"), p.before_block)?;
        x.set_item(intern!(py, "slot"), p.slot.as_str())?;
        x.set_item(intern!(py, "ordinal"), p.ordinal)?;
        x.set_item(intern!(py, "anchor"), p.anchor)?;
        x.set_item(intern!(py, "words_above"), p.words_above)?;
        x.set_item(intern!(py, "top_px"), p.top_px)?;
        // Candidates mode: the lowest and highest top over the fonts, as in JSON.
        if let Some(range) = p.top_px_range {
            x.set_item(intern!(py, "top_px_range"), range.to_vec())?;
        }
        x.set_item(intern!(py, "height_px"), p.height_px)?;
        let sizes = PyList::empty(py);
        for size in &p.sizes {
            sizes.append(size.to_string())?;
        }
        x.set_item(intern!(py, "sizes"), sizes)?;
        placements.append(x)?;
    }
    d.set_item(intern!(py, "placements"), placements)?;
    d.set_item(intern!(py, "page_height_px"), plan.page_height_px)?;
    d.set_item(intern!(py, "density"), plan.density)?;
    d.set_item(
        intern!(py, "solver"),
        pythonize::pythonize(py, &plan.solver)?,
    )?;
    // As in JSON: absent when empty, `gaps` only when explained. The rarer parts go through
    // serde, so their shapes (an anchor's position, `even`) are the CLI's by construction.
    if !plan.rule_sets.is_empty() {
        d.set_item(intern!(py, "rule_sets"), &plan.rule_sets)?;
    }
    if let Some(even) = &plan.even {
        d.set_item(intern!(py, "even"), to_py(py, even)?)?;
    }
    if !plan.unplaced_anchors.is_empty() {
        let list = PyList::empty(py);
        for a in &plan.unplaced_anchors {
            list.append(to_py(py, a)?)?;
        }
        d.set_item(intern!(py, "unplaced_anchors"), list)?;
    }
    if !plan.warnings.is_empty() {
        d.set_item(intern!(py, "warnings"), reasons(py, &plan.warnings)?)?;
    }
    if let Some(gaps) = &plan.gaps {
        let list = PyList::empty(py);
        for g in gaps {
            let x = PyDict::new(py);
            x.set_item(intern!(py, "before_block"), g.before_block)?;
            x.set_item(intern!(py, "placed"), g.placed)?;
            x.set_item(intern!(py, "reasons"), reasons(py, &g.reasons)?)?;
            list.append(x)?;
        }
        d.set_item(intern!(py, "gaps"), list)?;
    }
    Ok(d)
}

fn reasons<'py>(py: Python<'py>, reasons: &[Reason]) -> PyResult<Bound<'py, PyList>> {
    let list = PyList::empty(py);
    for r in reasons {
        let x = PyDict::new(py);
        x.set_item(intern!(py, "rule"), r.rule.as_str())?;
        x.set_item(intern!(py, "text"), r.text.as_str())?;
        // Candidates mode: the font whose layout binds the rule.
        if let Some(font) = &r.font {
            x.set_item(intern!(py, "font"), font.as_str())?;
        }
        list.append(x)?;
    }
    Ok(list)
}
