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

/// Largest accepted input (bytes).
pub const MAX_INPUT: usize = 32 << 20;
/// Deepest accepted nesting.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document.
pub const MAX_ELEMENTS: usize = 2_000_000;

/// One element: local name, resolved namespace, attributes (local name, value), text, children.
/// Attributes with a prefix (`xsi:schemaLocation`, ...) are instance metadata, not message
/// content, and are not kept.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub namespace: Option<String>,
    pub attributes: Vec<(String, String)>,
    /// The element's own character data (concatenated; the text between children included).
    pub text: String,
    pub children: Vec<Element>,
    /// Set when a reader took this element (see [`Walk`]).
    used: Cell<bool>,
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

/// An element (or attribute) of the input that the model did not take.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Unused {
    /// Its path (1-based index on repeated elements), `@Name` for an attribute.
    pub path: String,
    /// True for an element with no content at all.
    pub blank: bool,
}

/// The elements and attributes under `root` (whose path is `path`) that no reader took: for each
/// unused element its path (its subtree is implied), and unused attributes of used elements.
pub fn unused(root: &Element, path: &str) -> Vec<Unused> {
    let mut out = Vec::new();
    collect_unused(root, path, &mut out);
    out
}

fn collect_unused(element: &Element, path: &str, out: &mut Vec<Unused>) {
    if !element.is_used() {
        out.push(Unused {
            path: path.to_string(),
            blank: element.is_blank(),
        });
        return;
    }
    for (i, (name, _)) in element.attributes.iter().enumerate() {
        if i >= 64 || element.used_attributes.get() & (1u64 << i) == 0 {
            out.push(Unused {
                path: format!("{path}/@{name}"),
                blank: false,
            });
        }
    }
    for (child, child_path) in element.children.iter().zip(child_paths(element, path)) {
        collect_unused(child, &child_path, out);
    }
}

/// The paths of `element`'s children under `path`: a 1-based index on names that repeat.
fn child_paths(element: &Element, path: &str) -> Vec<String> {
    let children = &element.children;
    children
        .iter()
        .enumerate()
        .map(|(i, child)| {
            let same = children.iter().filter(|c| c.name == child.name).count();
            if same > 1 || child.listed.get() {
                let index = children[..i]
                    .iter()
                    .filter(|c| c.name == child.name)
                    .count()
                    + 1;
                format!("{path}/{}[{index}]", child.name)
            } else {
                format!("{path}/{}", child.name)
            }
        })
        .collect()
}

/// Checks that `element` and every element under it are in `namespace`, except the content of
/// the schema's open slots (`SplmtryData/Envlp`, `Sgntr`), which may hold any namespace.
pub fn check_namespace(element: &Element, path: &str, namespace: &str) -> Result<()> {
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
        check_namespace(child, &child_path, namespace)?;
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
    let mut stack: Vec<Element> = Vec::new();
    let mut root: Option<Element> = None;
    let mut count = 0usize;
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
            ResolveResult::Bound(ns) => Some(ns.into_inner().to_string()),
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
                for attribute in start.attributes() {
                    let attribute = attribute.map_err(|e| {
                        Error::new(
                            format!("{}/{}", path_of(&stack), element.name),
                            format!("bad attribute: {e}"),
                        )
                    })?;
                    let key = attribute.key.into_inner();
                    if key.contains(':') || key == "xmlns" {
                        // Namespace declarations and prefixed (xsi:...) metadata.
                        continue;
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

    fn children_named(&self, name: &str) -> impl Iterator<Item = &'a Element> + use<'a, '_> {
        let name = name.to_string();
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
        self.element.text.trim()
    }

    /// The text exactly as written.
    pub fn text(&self) -> &'a str {
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

    /// The document, or the first error met while writing it.
    pub fn finish(mut self) -> Result<String> {
        while !self.open.is_empty() {
            self.end();
        }
        match self.error {
            Some(error) => Err(error),
            None => Ok(self.out),
        }
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
