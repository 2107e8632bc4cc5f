//! Paths, path items and operations: each operation's parameters split, its body and
//! responses converted.

use serde_json::{Map, Value};

use super::converter::{Converter, JSON, strings};
use super::parameters::Split;
use crate::error::join;
use crate::ir::Warning;
use crate::load::places::methods;
use crate::load::version::Version;

impl Converter<'_> {
    pub(super) fn paths(&mut self, paths: Value) -> Value {
        let Value::Object(paths) = paths else {
            return paths;
        };
        let mut out = Map::new();
        for (path, item) in paths {
            let item = if path.starts_with("x-") {
                item
            } else {
                self.path_item(item, &crate::error::pointer(&["paths", &path]))
            };
            out.insert(path, item);
        }
        Value::Object(out)
    }

    fn path_item(&mut self, item: Value, at: &str) -> Value {
        let Value::Object(mut item) = item else {
            return item;
        };
        let shared = match item.remove("parameters") {
            Some(Value::Array(params)) => self.split(params, at),
            Some(other) => {
                item.insert("parameters".into(), other);
                Split::default()
            }
            None => Split::default(),
        };
        let mut out = Map::new();
        for (key, value) in item {
            if methods(Version::Swagger2).any(|m| m == key) {
                let value = self.operation(value, &join(at, &key), &shared);
                out.insert(key, value);
            } else {
                out.insert(key, value);
            }
        }
        if !shared.params.is_empty() {
            out.insert("parameters".into(), Value::Array(shared.params));
        }
        Value::Object(out)
    }

    fn operation(&mut self, op: Value, at: &str, shared: &Split) -> Value {
        let Value::Object(mut op) = op else {
            return op;
        };
        // An operation's list replaces the document's, and an empty one clears it ("An empty
        // value MAY be used to clear the global definitions"): the body or response then has
        // the media type a document that names none gets (JSON; a file is binary).
        let consumes = strings(op.get("consumes"))
            .or_else(|| self.consumes.clone())
            .filter(|c| !c.is_empty())
            .unwrap_or_else(|| vec![JSON.to_owned()]);
        let produces = strings(op.get("produces")).or_else(|| self.produces.clone());
        let own = match op.remove("parameters") {
            Some(Value::Array(params)) => self.split(params, at),
            Some(other) => {
                op.insert("parameters".into(), other);
                Split::default()
            }
            None => Split::default(),
        };
        let mut out = Map::new();
        for (key, value) in op {
            match key.as_str() {
                "consumes" | "produces" | "schemes" => {}
                "responses" => {
                    let value = self.responses(value, produces.as_deref(), &join(at, &key));
                    out.insert(key, value);
                }
                _ => {
                    out.insert(key, value);
                }
            }
        }
        if !own.params.is_empty() {
            out.insert("parameters".into(), Value::Array(own.params));
        }
        let body = own.body.or_else(|| shared.body.clone());
        let mut form = own.form;
        for moved in &shared.form {
            let name = moved.param.get("name");
            if !form.iter().any(|f| f.param.get("name") == name) {
                form.push(moved.clone());
            }
        }
        let body_at = join(at, "requestBody");
        match body {
            Some(body) => {
                if !form.is_empty() {
                    self.warnings.push(Warning {
                        pointer: at.to_owned(),
                        message: "the operation has both a body parameter and form parameters, \
                                  which Swagger 2.0 forbids; the form parameters are left out"
                            .into(),
                    });
                }
                let request = self.body(body, &consumes, &body_at);
                out.insert("requestBody".into(), request);
            }
            None if !form.is_empty() => {
                self.moved(body_at.clone(), at);
                let request = self.form(form, &consumes, &body_at);
                out.insert("requestBody".into(), request);
            }
            None => {}
        }
        Value::Object(out)
    }
}
