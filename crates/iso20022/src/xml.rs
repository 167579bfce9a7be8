//! A small XML tree on top of quick-xml, with element paths for errors, and a writer.
//!
//! Reading builds the whole tree first (messages are small; the input size, depth and element count
//! are capped), then the message modules walk it through [`Walk`], which knows its own path. No DTD
//! is processed: a `<!DOCTYPE>` is refused, and only the five predefined entities and character
//! references are expanded, so there is no entity-expansion attack surface.
//!
//! Reading also records which elements the model used ([`Element::is_used`]): whatever was not
//! read is listed by [`unused`], so a caller can say exactly what a conversion drops.
//!
//! Writing uses [`Writer`], which indents, escapes text and attributes, and never emits a
//! character XML 1.0 forbids (the text types refuse those before they get here). It never emits an
//! empty element either: an optional element that ends up with no content is left out, and a
//! required one with no content is an error naming its path (see [`Writer::start_required`]).

use crate::error::{Error, Result};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;
use std::cell::Cell;
use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::sync::Arc;

/// Largest accepted input, and largest message the [`Writer`] writes (bytes): 32 MiB. A
/// statement larger than this is written as several pages (see
/// [`crate::camt053::statement_pages`]).
pub const MAX_INPUT: usize = 32 << 20;
/// Deepest accepted nesting.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document (and written in one message).
pub const MAX_ELEMENTS: usize = 2_000_000;
/// Most attributes on one element, namespace declarations included (ISO 20022 elements have
/// at most one or two; the cap keeps the duplicate-attribute check cheap).
pub const MAX_ATTRIBUTES: usize = 64;
/// Most namespace declarations in scope at once.
pub const MAX_NAMESPACES: usize = 64;

/// The XML Schema instance namespace (`xsi:`).
const XSI: &str = "http://www.w3.org/2001/XMLSchema-instance";

thread_local! {
    static STEPS: Cell<u64> = const { Cell::new(0) };
}

fn step(n: usize) {
    STEPS.with(|s| s.set(s.get().saturating_add(n as u64)));
}

/// The work done on this thread by the reader so far: one step per element read, per child
/// visited by each pass over a tree (paths, namespaces, what was not used) and per child looked
/// at when a reader searches an element's children. Every pass is linear, so this grows in
/// proportion to the input; the tests hold it to that (a count of operations, not a timing).
pub fn steps() -> u64 {
    STEPS.with(Cell::get)
}

/// One element: local name, resolved namespace, attributes (name, value), text, children.
/// Namespace declarations (`xmlns`, `xmlns:p`) and the schema location hints
/// (`xsi:schemaLocation`, `xsi:noNamespaceSchemaLocation`) are not kept; any other prefixed
/// attribute (`xsi:nil`, `xsi:type`, ...) is kept under its written name and, as no reader
/// takes it, reported as dropped.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    /// Shared between the elements of one namespace (one allocation per namespace change).
    pub namespace: Option<Arc<str>>,
    pub attributes: Vec<(String, String)>,
    /// The element's own character data (concatenated; the text between children included).
    pub text: String,
    pub children: Vec<Element>,
    /// Set when a reader took this element (see [`Walk`]).
    used: Cell<bool>,
    /// Set when a reader took this element's text.
    text_used: Cell<bool>,
    /// Set for each attribute a reader took (same order as `attributes`).
    used_attributes: Cell<u64>,
    /// Set when a reader took this element as one of a repeated list (its paths then carry an
    /// index even when it is alone, as the readers' error paths do).
    listed: Cell<bool>,
}

impl Element {
    /// True when a reader has taken this element.
    pub fn is_used(&self) -> bool {
        self.used.get()
    }

    fn mark(&self) {
        self.used.set(true);
    }

    /// True when the element has neither child elements nor text other than blanks.
    pub fn is_blank(&self) -> bool {
        self.children.is_empty() && self.text.trim().is_empty()
    }
}

/// What of the input the model did not take.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum UnusedKind {
    /// An element with content (and everything in it).
    Element,
    /// An element with no content at all.
    Empty,
    /// An attribute of an element the model took.
    Attribute,
    /// Text (other than blanks) inside an element the model read for its child elements.
    Text,
}

/// An element, attribute or text of the input that the model did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    /// Its path (1-based index on repeated elements), `@Name` for an attribute, `text()` for
    /// text.
    pub path: String,
    pub kind: UnusedKind,
}

/// What under `root` (whose path is `path`) no reader took: for each unused element its path
/// (its subtree is implied), unused attributes of used elements, and the text of used elements
/// whose text no reader took (text beside child elements).
pub fn unused(root: &Element, path: &str) -> Vec<Unused> {
    let mut out = Vec::new();
    collect_unused(root, &mut path.to_string(), &mut out);
    out
}

fn collect_unused(element: &Element, path: &mut String, out: &mut Vec<Unused>) {
    if !element.is_used() {
        out.push(Unused {
            path: path.clone(),
            kind: if element.is_blank() {
                UnusedKind::Empty
            } else {
                UnusedKind::Element
            },
        });
        return;
    }
    for (i, (name, _)) in element.attributes.iter().enumerate() {
        if i >= 64 || element.used_attributes.get() & (1u64 << i) == 0 {
            out.push(Unused {
                path: format!("{path}/@{name}"),
                kind: UnusedKind::Attribute,
            });
        }
    }
    if !element.text_used.get() && !element.text.trim().is_empty() {
        out.push(Unused {
            path: format!("{path}/text()"),
            kind: UnusedKind::Text,
        });
    }
    let children = &element.children;
    if children.is_empty() {
        return;
    }
    step(children.len() * 2);
    let mut totals: BTreeMap<&str, (usize, usize)> = BTreeMap::new();
    for child in children {
        totals.entry(child.name.as_str()).or_default().0 += 1;
    }
    let length = path.len();
    for child in children {
        let name = child.name.as_str();
        let (total, seen) = totals.entry(name).or_default();
        *seen += 1;
        path.push('/');
        path.push_str(name);
        if *total > 1 || child.listed.get() {
            let _ = write!(path, "[{seen}]");
        }
        collect_unused(child, path, out);
        path.truncate(length);
    }
}

/// The paths of `element`'s children under `path`: a 1-based index on names that repeat (and
/// on elements read as a list). Linear: the names are counted once per parent.
fn child_paths(element: &Element, path: &str) -> Vec<String> {
    let children = &element.children;
    step(children.len() * 2);
    let mut totals: BTreeMap<&str, usize> = BTreeMap::new();
    for child in children {
        *totals.entry(child.name.as_str()).or_default() += 1;
    }
    let mut seen: BTreeMap<&str, usize> = BTreeMap::new();
    children
        .iter()
        .map(|child| {
            let name = child.name.as_str();
            let index = seen.entry(name).or_default();
            *index += 1;
            if totals.get(name).copied().unwrap_or(0) > 1 || child.listed.get() {
                format!("{path}/{name}[{index}]")
            } else {
                format!("{path}/{name}")
            }
        })
        .collect()
}

/// Checks that `element` and every element under it are in `namespace`, except the content of
/// the schema's open slots (`SplmtryData/Envlp`, `Sgntr`), which may hold any namespace.
pub fn check_namespace(element: &Element, path: &str, namespace: &str) -> Result<()> {
    if namespace_ok(element, namespace) {
        return Ok(());
    }
    // Something is wrong: walk again, with paths, to name it.
    check_namespace_with_paths(element, path, namespace)
}

/// True when the whole tree is in `namespace` (no paths built: the common case is cheap).
fn namespace_ok(element: &Element, namespace: &str) -> bool {
    step(1);
    if element.namespace.as_deref() != Some(namespace) {
        return false;
    }
    if element.name == "Envlp" || element.name == "Sgntr" {
        return true;
    }
    element
        .children
        .iter()
        .all(|child| namespace_ok(child, namespace))
}

fn check_namespace_with_paths(element: &Element, path: &str, namespace: &str) -> Result<()> {
    if element.namespace.as_deref() != Some(namespace) {
        let found = match &element.namespace {
            None => "in no namespace".to_string(),
            Some(other) => format!("in namespace {other:?}"),
        };
        return Err(Error::new(
            path,
            format!("element is {found}; every element here must be in {namespace:?}"),
        ));
    }
    if element.name == "Envlp" || element.name == "Sgntr" {
        return Ok(());
    }
    for (child, child_path) in element.children.iter().zip(child_paths(element, path)) {
        if !namespace_ok(child, namespace) {
            return check_namespace_with_paths(child, &child_path, namespace);
        }
    }
    Ok(())
}

/// Parses `input` into a tree. Errors name the path of the element being read.
pub fn parse(input: &str) -> Result<Element> {
    if input.len() > MAX_INPUT {
        return Err(Error::new(
            "/",
            format!(
                "input is {} bytes; at most {MAX_INPUT} are accepted",
                input.len()
            ),
        ));
    }
    let mut reader = quick_xml::reader::NsReader::from_str(input);
    reader.config_mut().check_end_names = true;
    reader
        .resolver_mut()
        .set_max_namespace_bindings(MAX_NAMESPACES);
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
    let mut last_namespace: Option<Arc<str>> = None;
    let path_of = |stack: &[Element]| -> String {
        if stack.is_empty() {
            "/".to_string()
        } else {
            stack.iter().map(|e| format!("/{}", e.name)).collect()
        }
    };
    loop {
        let event = match reader.read_resolved_event() {
            Ok(event) => event,
            Err(quick_xml::Error::Namespace(quick_xml::name::NamespaceError::TooManyBindings(
                _,
            ))) => {
                return Err(Error::new(
                    path_of(&stack),
                    format!("more than {MAX_NAMESPACES} namespace declarations in scope"),
                ));
            }
            Err(error) => {
                return Err(Error::new(
                    path_of(&stack),
                    format!(
                        "XML is not well-formed at byte {}: {error}",
                        reader.error_position()
                    ),
                ));
            }
        };
        let (namespace, event) = event;
        let namespace = match namespace {
            ResolveResult::Bound(_) | ResolveResult::Unbound
                if !matches!(event, Event::Start(_) | Event::Empty(_)) =>
            {
                None
            }
            ResolveResult::Bound(ns) => {
                let ns = ns.into_inner();
                match &last_namespace {
                    Some(last) if &**last == ns => Some(last.clone()),
                    _ => {
                        let shared: Arc<str> = Arc::from(ns);
                        last_namespace = Some(shared.clone());
                        Some(shared)
                    }
                }
            }
            ResolveResult::Unbound => None,
            ResolveResult::Unknown(prefix) => {
                return Err(Error::new(
                    path_of(&stack),
                    format!("namespace prefix {prefix:?} is not declared"),
                ));
            }
        };
        match event {
            Event::Start(_) | Event::Empty(_) if root.is_some() => {
                return Err(Error::new("/", "content after the root element"));
            }
            Event::Start(ref start) | Event::Empty(ref start) => {
                count += 1;
                step(1);
                if count > MAX_ELEMENTS {
                    return Err(Error::new(
                        path_of(&stack),
                        format!("more than {MAX_ELEMENTS} elements"),
                    ));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(Error::new(
                        path_of(&stack),
                        format!("nesting deeper than {MAX_DEPTH} levels"),
                    ));
                }
                let name = start.local_name().into_inner().to_string();
                let mut element = Element {
                    name,
                    namespace,
                    ..Element::default()
                };
                for (i, attribute) in start.attributes().enumerate() {
                    if i >= MAX_ATTRIBUTES {
                        return Err(Error::new(
                            format!("{}/{}", path_of(&stack), element.name),
                            format!("more than {MAX_ATTRIBUTES} attributes"),
                        ));
                    }
                    let attribute = attribute.map_err(|e| {
                        Error::new(
                            format!("{}/{}", path_of(&stack), element.name),
                            format!("bad attribute: {e}"),
                        )
                    })?;
                    if attribute.key.as_namespace_binding().is_some() {
                        // xmlns and xmlns:p: read by the namespace resolver.
                        continue;
                    }
                    let key = attribute.key.into_inner();
                    if key.contains(':') {
                        // Schema location hints are for validators, not message content; any
                        // other prefixed attribute is kept, and reported as dropped.
                        let (bound, local) = reader.resolver().resolve_attribute(attribute.key);
                        let xsi =
                            matches!(bound, ResolveResult::Bound(ns) if ns.into_inner() == XSI);
                        let local = local.into_inner();
                        if xsi
                            && (local == "schemaLocation" || local == "noNamespaceSchemaLocation")
                        {
                            continue;
                        }
                    }
                    let local = key.to_string();
                    let value = attribute
                        .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                        .map_err(|e| {
                            Error::new(
                                format!("{}/{}/@{local}", path_of(&stack), element.name),
                                format!("bad attribute value: {e}"),
                            )
                        })?;
                    element.attributes.push((local, value.into_owned()));
                }
                let is_empty = matches!(event, Event::Empty(_));
                if is_empty {
                    close(&mut stack, &mut root, element);
                } else {
                    stack.push(element);
                }
            }
            Event::End(_) => match stack.pop() {
                Some(element) => close(&mut stack, &mut root, element),
                None => return Err(Error::new("/", "unexpected end tag")),
            },
            Event::Text(text) => {
                let content = text.xml10_content();
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&content),
                    None if content.trim().is_empty() => {}
                    None => return Err(Error::new("/", "text outside the root element")),
                }
            }
            Event::CData(data) => {
                let content = data.into_inner().into_owned();
                match stack.last_mut() {
                    Some(top) => top.text.push_str(&content),
                    None => return Err(Error::new("/", "CDATA outside the root element")),
                }
            }
            Event::GeneralRef(reference) => {
                let path = path_of(&stack);
                let ch = match reference.resolve_char_ref() {
                    Ok(Some(ch)) => ch,
                    Ok(None) => match &*reference {
                        "lt" => '<',
                        "gt" => '>',
                        "amp" => '&',
                        "apos" => '\'',
                        "quot" => '"',
                        other => {
                            return Err(Error::new(
                                path,
                                format!("unknown entity &{other}; (no DTD is processed)"),
                            ));
                        }
                    },
                    Err(e) => {
                        return Err(Error::new(path, format!("bad character reference: {e}")));
                    }
                };
                if !xml_char(ch) {
                    return Err(Error::new(
                        path,
                        format!(
                            "character reference to U+{:04X}, which XML 1.0 forbids",
                            ch as u32
                        ),
                    ));
                }
                match stack.last_mut() {
                    Some(top) => top.text.push(ch),
                    None => return Err(Error::new("/", "reference outside the root element")),
                }
            }
            Event::DocType(_) => {
                return Err(Error::new(
                    "/",
                    "a DOCTYPE is not accepted in ISO 20022 messages",
                ));
            }
            Event::Decl(_) | Event::PI(_) | Event::Comment(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(Error::new(
            path_of(&stack),
            "the document ends inside this element",
        ));
    }
    root.ok_or_else(|| Error::new("/", "no root element: the input is empty or not XML"))
}

fn close(stack: &mut [Element], root: &mut Option<Element>, element: Element) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(element),
        None => *root = Some(element),
    }
}

/// True for the characters XML 1.0 allows in content.
pub fn xml_char(c: char) -> bool {
    matches!(c, '\t' | '\n' | '\r' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..)
}

/// A view of one element that knows its own path, for reading with good errors.
pub struct Walk<'a> {
    pub element: &'a Element,
    path: String,
}

impl<'a> Walk<'a> {
    /// A walk from `element` (marked as used).
    pub fn root(element: &'a Element, path: String) -> Walk<'a> {
        element.mark();
        Walk { element, path }
    }

    /// Marks this element as not used after all: its value was not kept (an empty group, or a
    /// variant the model has no room for), so [`unused`] reports it.
    pub fn release(&self) {
        self.element.used.set(false);
    }

    pub fn path(&self) -> &str {
        &self.path
    }

    pub fn name(&self) -> &str {
        &self.element.name
    }

    pub fn error(&self, reason: impl Into<String>) -> Error {
        Error::new(self.path.clone(), reason)
    }

    fn children_named<'n>(&self, name: &'n str) -> impl Iterator<Item = &'a Element> + use<'a, 'n> {
        step(self.element.children.len());
        self.element.children.iter().filter(move |c| c.name == name)
    }

    /// The optional child `name`; more than one is an error.
    pub fn opt(&self, name: &str) -> Result<Option<Walk<'a>>> {
        let mut found = self.children_named(name);
        let first = found.next();
        if found.next().is_some() {
            return Err(Error::new(
                format!("{}/{name}", self.path),
                "appears more than once; at most one is allowed here",
            ));
        }
        Ok(first.map(|element| {
            element.mark();
            Walk {
                element,
                path: format!("{}/{name}", self.path),
            }
        }))
    }

    /// The required child `name`.
    pub fn req(&self, name: &str) -> Result<Walk<'a>> {
        self.opt(name)?.ok_or_else(|| {
            Error::new(
                format!("{}/{name}", self.path),
                "required element is missing",
            )
        })
    }

    /// Every child `name`, each with its 1-based index in the path.
    pub fn all(&self, name: &str) -> Vec<Walk<'a>> {
        self.children_named(name)
            .enumerate()
            .map(|(i, element)| {
                element.mark();
                element.listed.set(true);
                Walk {
                    element,
                    path: format!("{}/{name}[{}]", self.path, i + 1),
                }
            })
            .collect()
    }

    /// Every child `name`, at most `max`.
    pub fn all_max(&self, name: &str, max: usize) -> Result<Vec<Walk<'a>>> {
        let all = self.all(name);
        if all.len() > max {
            return Err(Error::new(
                format!("{}/{name}", self.path),
                format!("appears {} times; at most {max} are allowed", all.len()),
            ));
        }
        Ok(all)
    }

    /// The text with the XML Schema "collapse" rule for tokens: leading and trailing blanks removed.
    pub fn token(&self) -> &'a str {
        self.element.text_used.set(true);
        self.element.text.trim()
    }

    /// The text exactly as written.
    pub fn text(&self) -> &'a str {
        self.element.text_used.set(true);
        &self.element.text
    }

    /// An attribute's value (marked as used).
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        let i = self
            .element
            .attributes
            .iter()
            .position(|(k, _)| k == name)?;
        if i < 64 {
            let used = &self.element.used_attributes;
            used.set(used.get() | (1u64 << i));
        }
        Some(self.element.attributes[i].1.as_str())
    }

    /// The text of the optional child `name`, parsed by `f`; errors get the child's path.
    pub fn opt_with<T>(
        &self,
        name: &str,
        f: impl FnOnce(&Walk<'a>) -> Result<T>,
    ) -> Result<Option<T>> {
        match self.opt(name)? {
            Some(child) => f(&child).map(Some).map_err(|e| e.under(&child.path)),
            None => Ok(None),
        }
    }

    /// The required child `name`, parsed by `f`.
    pub fn req_with<T>(&self, name: &str, f: impl FnOnce(&Walk<'a>) -> Result<T>) -> Result<T> {
        let child = self.req(name)?;
        f(&child).map_err(|e| e.under(&child.path))
    }

    /// The first present of the children `names` (a schema choice); more than one is an error.
    pub fn choice(&self, names: &[&str]) -> Result<Option<Walk<'a>>> {
        let mut found = None;
        for name in names {
            if let Some(child) = self.opt(name)? {
                if found.is_some() {
                    return Err(
                        self.error(format!("a choice of {} allows only one", names.join(", ")))
                    );
                }
                found = Some(child);
            }
        }
        Ok(found)
    }
}

/// Indenting XML writer. Element names are trusted (they come from this crate); text and
/// attribute values are escaped.
///
/// No empty element is ever written. Each element opened with [`Writer::start`] is optional: if
/// nothing is written inside it, it is taken out again. One opened with
/// [`Writer::start_required`] must have content: if it has none, its parent cannot be written
/// either; an optional parent with no other content is then left out as well, and anything else
/// (a parent with other content, or the root) is an error naming the empty element's path, so
/// nothing is dropped silently and nothing schema-invalid is written. [`Writer::fail`] records
/// any other error at the current path. [`Writer::finish`] returns the first error.
pub struct Writer {
    out: String,
    open: Vec<Frame>,
    error: Option<Error>,
    /// Elements written so far (those taken out again not counted).
    elements: usize,
}

struct Frame {
    name: &'static str,
    /// Where the start tag begins in `out`.
    start: usize,
    required: bool,
    /// Something was written inside.
    content: bool,
    /// The path of an empty required child.
    missing: Option<String>,
    /// Names of the children written so far, with their counts (for paths).
    children: Vec<(&'static str, usize)>,
    /// This element's index among its same-named siblings (1-based).
    index: usize,
    /// [`Writer::elements`] before this element.
    elements_before: usize,
}

impl Default for Writer {
    fn default() -> Self {
        Writer::new()
    }
}

impl Writer {
    pub fn new() -> Writer {
        Writer {
            out: String::with_capacity(4096),
            open: Vec::new(),
            error: None,
            elements: 0,
        }
    }

    pub fn declaration(&mut self) {
        self.out
            .push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
    }

    fn indent(&mut self) {
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
    }

    /// The path of the open elements (`/Document/FIToFICstmrCdtTrf/CdtTrfTxInf[2]`).
    pub fn path(&self) -> String {
        self.open
            .iter()
            .map(|f| {
                if f.index > 1 {
                    format!("/{}[{}]", f.name, f.index)
                } else {
                    format!("/{}", f.name)
                }
            })
            .collect()
    }

    /// Records an error at the current path (`relative` is appended when not empty); the first
    /// error is returned by [`Writer::finish`].
    pub fn fail(&mut self, relative: &str, reason: impl Into<String>) {
        if self.error.is_none() {
            let path = if relative.is_empty() {
                self.path()
            } else {
                format!("{}/{relative}", self.path())
            };
            self.error = Some(Error::new(path, reason));
        }
    }

    fn child_index(&mut self, name: &'static str) -> usize {
        match self.open.last_mut() {
            Some(parent) => {
                parent.content = true;
                match parent.children.iter_mut().find(|(n, _)| *n == name) {
                    Some((_, count)) => {
                        *count += 1;
                        *count
                    }
                    None => {
                        parent.children.push((name, 1));
                        1
                    }
                }
            }
            None => 1,
        }
    }

    fn open_element(&mut self, name: &'static str, attributes: &[(&str, &str)], required: bool) {
        let start = self.out.len();
        // Marks the parent as having content; undone in `end` if this element is taken out.
        let parent_had_content = self.open.last().is_some_and(|p| p.content);
        let index = self.child_index(name);
        if let Some(parent) = self.open.last_mut() {
            parent.content = parent_had_content;
        }
        let elements_before = self.elements;
        self.elements += 1;
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
        self.out.push_str(">\n");
        self.open.push(Frame {
            elements_before,
            name,
            start,
            required,
            content: false,
            missing: None,
            children: Vec::new(),
            index,
        });
    }

    /// Opens an optional `<name attr="value" ...>` (left out if nothing is written inside).
    pub fn start_with(&mut self, name: &'static str, attributes: &[(&str, &str)]) {
        self.open_element(name, attributes, false);
    }

    /// Opens an optional `<name>` (left out if nothing is written inside).
    pub fn start(&mut self, name: &'static str) {
        self.open_element(name, &[], false);
    }

    /// Opens `<name>` where the schema requires it: it must get content (see [`Writer`]).
    pub fn start_required(&mut self, name: &'static str) {
        self.open_element(name, &[], true);
    }

    /// Opens a required `<name attr="value" ...>`.
    pub fn start_required_with(&mut self, name: &'static str, attributes: &[(&str, &str)]) {
        self.open_element(name, attributes, true);
    }

    pub fn end(&mut self) {
        let path = self.path();
        let Some(frame) = self.open.pop() else {
            return;
        };
        let empty = !frame.content || frame.missing.is_some();
        if frame.content
            && let Some(missing) = &frame.missing
        {
            // Content beside an empty required child: neither writable nor droppable.
            if self.error.is_none() {
                self.error = Some(Error::new(
                    missing.clone(),
                    "required element has no content (nothing to write in it)",
                ));
            }
        }
        if empty {
            self.out.truncate(frame.start);
            self.elements = frame.elements_before;
            let missing = frame.missing.unwrap_or(path);
            match self.open.last_mut() {
                Some(parent) if frame.required => {
                    if parent.missing.is_none() {
                        parent.missing = Some(missing);
                    }
                }
                Some(_) => {}
                None => {
                    if self.error.is_none() {
                        self.error = Some(Error::new(
                            missing,
                            "required element has no content (nothing to write in it)",
                        ));
                    }
                }
            }
            return;
        }
        if let Some(parent) = self.open.last_mut() {
            parent.content = true;
        }
        for _ in 0..self.open.len() {
            self.out.push_str("  ");
        }
        self.out.push_str("</");
        self.out.push_str(frame.name);
        self.out.push_str(">\n");
    }

    /// `<name attr="value">text</name>` on one line. An empty `text` writes nothing (the text
    /// types of this crate are never empty; an empty value means "absent").
    pub fn leaf_with(&mut self, name: &'static str, attributes: &[(&str, &str)], text: &str) {
        if text.is_empty() {
            return;
        }
        self.child_index(name);
        self.elements += 1;
        self.indent();
        self.out.push('<');
        self.out.push_str(name);
        for (key, value) in attributes {
            self.out.push(' ');
            self.out.push_str(key);
            self.out.push_str("=\"");
            escape_into(&mut self.out, value, true);
            self.out.push('"');
        }
        self.out.push('>');
        escape_into(&mut self.out, text, false);
        self.out.push_str("</");
        self.out.push_str(name);
        self.out.push_str(">\n");
    }

    pub fn leaf(&mut self, name: &'static str, text: &str) {
        self.leaf_with(name, &[], text);
    }

    /// A leaf only when `value` is present.
    pub fn opt_leaf(&mut self, name: &'static str, value: Option<&str>) {
        if let Some(value) = value {
            self.leaf(name, value);
        }
    }

    /// The document, or the first error met while writing it. A document the reader would
    /// refuse for its size ([`MAX_INPUT`] bytes, [`MAX_ELEMENTS`] elements) is an error too:
    /// nothing is written that cannot be read back.
    pub fn finish(mut self) -> Result<String> {
        while !self.open.is_empty() {
            self.end();
        }
        if let Some(error) = self.error {
            return Err(error);
        }
        if self.out.len() > MAX_INPUT {
            return Err(Error::new(
                "/",
                format!(
                    "the message would be {} bytes, and at most {MAX_INPUT} are read back (xml::MAX_INPUT): send it in parts (a camt.053 statement in pages)",
                    self.out.len()
                ),
            ));
        }
        if self.elements > MAX_ELEMENTS {
            return Err(Error::new(
                "/",
                format!(
                    "the message would have {} elements, and at most {MAX_ELEMENTS} are read back (xml::MAX_ELEMENTS): send it in parts (a camt.053 statement in pages)",
                    self.elements
                ),
            ));
        }
        Ok(self.out)
    }
}

fn escape_into(out: &mut String, text: &str, attribute: bool) {
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' if attribute => out.push_str("&quot;"),
            '\r' => out.push_str("&#13;"),
            '\n' if attribute => out.push_str("&#10;"),
            '\t' if attribute => out.push_str("&#9;"),
            c => out.push(c),
        }
    }
}
