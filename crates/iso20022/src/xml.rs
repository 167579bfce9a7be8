//! A small XML tree on top of quick-xml, with element paths for errors, and a writer.
//!
//! Reading builds the whole tree first (messages are small; the input size, depth and element count
//! are capped), then the message modules walk it through [`Walk`], which knows its own path. No DTD
//! is processed: a `<!DOCTYPE>` is refused, and only the five predefined entities and character
//! references are expanded, so there is no entity-expansion attack surface.
//!
//! Writing uses [`Writer`], which indents, escapes text and attributes, and never emits a
//! character XML 1.0 forbids (the text types refuse those before they get here).

use crate::error::{Error, Result};
use quick_xml::events::Event;
use quick_xml::name::ResolveResult;

/// Largest accepted input (bytes).
pub const MAX_INPUT: usize = 32 << 20;
/// Deepest accepted nesting.
pub const MAX_DEPTH: usize = 64;
/// Most elements accepted in one document.
pub const MAX_ELEMENTS: usize = 2_000_000;

/// One element: local name, resolved namespace, attributes (local name, value), text, children.
#[derive(Debug, Clone, Default)]
pub struct Element {
    pub name: String,
    pub namespace: Option<String>,
    pub attributes: Vec<(String, String)>,
    /// The element's own character data (concatenated; the text between children included).
    pub text: String,
    pub children: Vec<Element>,
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
                    if key == "xmlns" || key.starts_with("xmlns:") {
                        continue;
                    }
                    let local = key.rsplit(':').next().unwrap_or(key).to_string();
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
    pub fn root(element: &'a Element, path: String) -> Walk<'a> {
        Walk { element, path }
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
        Ok(first.map(|element| Walk {
            element,
            path: format!("{}/{name}", self.path),
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
            .map(|(i, element)| Walk {
                element,
                path: format!("{}/{name}[{}]", self.path, i + 1),
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

    /// An attribute's value.
    pub fn attribute(&self, name: &str) -> Option<&'a str> {
        self.element
            .attributes
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
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
pub struct Writer {
    out: String,
    open: Vec<&'static str>,
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

    /// Opens `<name attr="value" ...>`.
    pub fn start_with(&mut self, name: &'static str, attributes: &[(&str, &str)]) {
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
        self.open.push(name);
    }

    pub fn start(&mut self, name: &'static str) {
        self.start_with(name, &[]);
    }

    pub fn end(&mut self) {
        if let Some(name) = self.open.pop() {
            self.indent();
            self.out.push_str("</");
            self.out.push_str(name);
            self.out.push_str(">\n");
        }
    }

    /// `<name attr="value">text</name>` on one line.
    pub fn leaf_with(&mut self, name: &'static str, attributes: &[(&str, &str)], text: &str) {
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

    pub fn finish(mut self) -> String {
        while !self.open.is_empty() {
            self.end();
        }
        self.out
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
