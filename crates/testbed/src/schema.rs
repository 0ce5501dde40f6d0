//! A small JSON-Schema validator for the subset that OpenAPI 3.0/3.1
//! documents here use: `type` (also as a list), `nullable`, `enum`,
//! `properties`, `required`, `additionalProperties`, `items`,
//! `minItems`/`maxItems`, `minLength`/`maxLength`, `pattern`,
//! `minimum`/`maximum`, `allOf`/`anyOf`/`oneOf`, `$ref` to
//! `#/components/...` and `discriminator` with `mapping`. `format` is not
//! checked. Patterns with look-ahead have the look-ahead removed; patterns
//! that still do not compile are skipped.

use regex::Regex;
use serde_json::Value;
use std::collections::HashMap;
use std::sync::Mutex;

pub struct Validator {
    root: Value,
    regexes: Mutex<HashMap<String, Option<Regex>>>,
}

struct Ctx<'a> {
    errors: Vec<String>,
    active: Vec<(&'a str, String)>,
}

impl Validator {
    /// `root` is the whole OpenAPI document (refs resolve against it).
    pub fn new(root: Value) -> Self {
        Self {
            root,
            regexes: Mutex::new(HashMap::new()),
        }
    }

    pub fn document(&self) -> &Value {
        &self.root
    }

    /// Validate against `#/components/schemas/{name}`. Returns the errors.
    pub fn validate(&self, schema_name: &str, instance: &Value) -> Vec<String> {
        let r = Value::String(format!("#/components/schemas/{schema_name}"));
        let wrapper = serde_json::json!({ "$ref": r });
        let mut ctx = Ctx {
            errors: Vec::new(),
            active: Vec::new(),
        };
        // The wrapper lives on this stack frame; refs borrow from `root`.
        self.check_ref(
            wrapper.get("$ref").and_then(Value::as_str).unwrap_or(""),
            instance,
            "",
            &mut ctx,
            false,
        );
        ctx.errors
    }

    fn resolve(&self, r: &str) -> Option<&Value> {
        let ptr = r.strip_prefix('#')?;
        self.root.pointer(ptr)
    }

    fn check_ref<'a>(
        &'a self,
        r: &str,
        inst: &Value,
        path: &str,
        ctx: &mut Ctx<'a>,
        _no_disc: bool,
    ) {
        let Some(target) = self.resolve(r) else {
            ctx.errors.push(format!("{path}: onbekende $ref {r}"));
            return;
        };
        // Look the ref string up inside the document so it can be borrowed.
        let key: &'a str = match self.ref_key(r) {
            Some(k) => k,
            None => {
                self.check(target, inst, path, ctx, false);
                return;
            }
        };
        if ctx.active.iter().any(|(k, p)| *k == key && p == path) {
            // Re-entered through allOf from a discriminator dispatch: check
            // the rest but do not dispatch again.
            self.check(target, inst, path, ctx, true);
            return;
        }
        ctx.active.push((key, path.to_string()));
        self.check(target, inst, path, ctx, false);
        ctx.active.pop();
    }

    /// The schema name part of a ref, borrowed from the document's keys.
    fn ref_key(&self, r: &str) -> Option<&str> {
        let name = r.rsplit('/').next()?;
        let schemas = self.root.pointer("/components/schemas")?.as_object()?;
        schemas.get_key_value(name).map(|(k, _)| k.as_str())
    }

    fn regex(&self, pattern: &str) -> Option<Regex> {
        let mut cache = self.regexes.lock().unwrap_or_else(|e| e.into_inner());
        cache
            .entry(pattern.to_string())
            .or_insert_with(|| {
                let stripped = Regex::new(r"\(\?![^)]*\)")
                    .map(|la| la.replace_all(pattern, "").into_owned())
                    .unwrap_or_else(|_| pattern.to_string());
                Regex::new(&stripped).ok()
            })
            .clone()
    }

    fn check<'a>(
        &'a self,
        schema: &'a Value,
        inst: &Value,
        path: &str,
        ctx: &mut Ctx<'a>,
        no_disc: bool,
    ) {
        let Some(s) = schema.as_object() else {
            if schema == &Value::Bool(false) {
                ctx.errors.push(format!("{path}: niet toegestaan"));
            }
            return;
        };
        if let Some(r) = s.get("$ref").and_then(Value::as_str) {
            self.check_ref(r, inst, path, ctx, no_disc);
        }
        if inst.is_null() && s.get("nullable").and_then(Value::as_bool) == Some(true) {
            return;
        }
        if let Some(t) = s.get("type") {
            let types: Vec<&str> = match t {
                Value::String(x) => vec![x.as_str()],
                Value::Array(xs) => xs.iter().filter_map(Value::as_str).collect(),
                _ => vec![],
            };
            if !types.is_empty() && !types.iter().any(|t| type_matches(t, inst)) {
                ctx.errors.push(format!(
                    "{path}: verwacht type {}, kreeg {}",
                    types.join("|"),
                    type_name(inst)
                ));
                return;
            }
        }
        if let Some(e) = s.get("enum").and_then(Value::as_array)
            && !e.contains(inst)
        {
            ctx.errors
                .push(format!("{path}: waarde {inst} niet in enum"));
        }
        match inst {
            Value::String(x) => {
                let n = x.chars().count() as u64;
                if s.get("maxLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n > m)
                {
                    ctx.errors.push(format!("{path}: langer dan maxLength"));
                }
                if s.get("minLength")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n < m)
                {
                    ctx.errors.push(format!("{path}: korter dan minLength"));
                }
                if let Some(p) = s.get("pattern").and_then(Value::as_str)
                    && let Some(re) = self.regex(p)
                    && !re.is_match(x)
                {
                    ctx.errors
                        .push(format!("{path}: {x:?} voldoet niet aan patroon {p}"));
                }
            }
            Value::Number(n) => {
                let v = n.as_f64().unwrap_or(0.0);
                if s.get("minimum")
                    .and_then(Value::as_f64)
                    .is_some_and(|m| v < m)
                {
                    ctx.errors.push(format!("{path}: kleiner dan minimum"));
                }
                if s.get("maximum")
                    .and_then(Value::as_f64)
                    .is_some_and(|m| v > m)
                {
                    ctx.errors.push(format!("{path}: groter dan maximum"));
                }
            }
            Value::Array(items) => {
                let n = items.len() as u64;
                if s.get("minItems")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n < m)
                {
                    ctx.errors.push(format!("{path}: minder dan minItems"));
                }
                if s.get("maxItems")
                    .and_then(Value::as_u64)
                    .is_some_and(|m| n > m)
                {
                    ctx.errors.push(format!("{path}: meer dan maxItems"));
                }
                if let Some(item_schema) = s.get("items") {
                    for (i, it) in items.iter().enumerate() {
                        self.check(item_schema, it, &format!("{path}/{i}"), ctx, false);
                    }
                }
            }
            Value::Object(obj) => {
                if let Some(req) = s.get("required").and_then(Value::as_array) {
                    for r in req.iter().filter_map(Value::as_str) {
                        if !obj.contains_key(r) {
                            ctx.errors
                                .push(format!("{path}: verplicht veld {r} ontbreekt"));
                        }
                    }
                }
                let props = s.get("properties").and_then(Value::as_object);
                if let Some(props) = props {
                    for (k, v) in obj {
                        if let Some(ps) = props.get(k) {
                            self.check(ps, v, &format!("{path}/{k}"), ctx, false);
                        }
                    }
                }
                match s.get("additionalProperties") {
                    Some(Value::Bool(false)) => {
                        for k in obj.keys() {
                            if !props.is_some_and(|p| p.contains_key(k)) {
                                ctx.errors.push(format!("{path}: onbekend veld {k}"));
                            }
                        }
                    }
                    Some(extra @ Value::Object(_)) => {
                        for (k, v) in obj {
                            if !props.is_some_and(|p| p.contains_key(k)) {
                                self.check(extra, v, &format!("{path}/{k}"), ctx, false);
                            }
                        }
                    }
                    _ => {}
                }
                if !no_disc && let Some(d) = s.get("discriminator") {
                    self.dispatch(d, obj, inst, path, ctx);
                }
            }
            _ => {}
        }
        if let Some(all) = s.get("allOf").and_then(Value::as_array) {
            for sub in all {
                self.check(sub, inst, path, ctx, false);
            }
        }
        for (key, exactly_one) in [("anyOf", false), ("oneOf", true)] {
            if let Some(list) = s.get(key).and_then(Value::as_array) {
                let mut ok = 0;
                for sub in list {
                    let mut sub_ctx = Ctx {
                        errors: Vec::new(),
                        active: ctx.active.clone(),
                    };
                    self.check(sub, inst, path, &mut sub_ctx, false);
                    if sub_ctx.errors.is_empty() {
                        ok += 1;
                    }
                }
                if ok == 0 || (exactly_one && ok > 1) {
                    ctx.errors
                        .push(format!("{path}: voldoet aan {ok} schema's van {key}"));
                }
            }
        }
    }

    fn dispatch<'a>(
        &'a self,
        d: &Value,
        obj: &serde_json::Map<String, Value>,
        inst: &Value,
        path: &str,
        ctx: &mut Ctx<'a>,
    ) {
        let Some(prop) = d.get("propertyName").and_then(Value::as_str) else {
            return;
        };
        let Some(waarde) = obj.get(prop).and_then(Value::as_str) else {
            ctx.errors
                .push(format!("{path}: discriminator {prop} ontbreekt"));
            return;
        };
        let target = match d
            .get("mapping")
            .and_then(|m| m.get(waarde))
            .and_then(Value::as_str)
        {
            Some(t) => t.to_string(),
            None if d.get("mapping").is_some() => {
                ctx.errors
                    .push(format!("{path}: {prop} {waarde:?} is geen bekende waarde"));
                return;
            }
            None => format!("#/components/schemas/{waarde}"),
        };
        self.check_ref(&target, inst, path, ctx, false);
    }
}

fn type_matches(t: &str, v: &Value) -> bool {
    match t {
        "string" => v.is_string(),
        "integer" => v.is_i64() || v.is_u64() || v.as_f64().is_some_and(|f| f.fract() == 0.0),
        "number" => v.is_number(),
        "boolean" => v.is_boolean(),
        "array" => v.is_array(),
        "object" => v.is_object(),
        "null" => v.is_null(),
        _ => true,
    }
}

fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "boolean",
        Value::Number(_) => "number",
        Value::String(_) => "string",
        Value::Array(_) => "array",
        Value::Object(_) => "object",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic)]
    use super::*;
    use serde_json::json;

    fn doc() -> Value {
        json!({"components": {"schemas": {
            "Base": {"type": "object", "required": ["type"], "properties": {"type": {"type": "string"}},
                     "discriminator": {"propertyName": "type", "mapping": {"A": "#/components/schemas/A"}}},
            "A": {"allOf": [{"$ref": "#/components/schemas/Base"},
                            {"type": "object", "required": ["a"], "properties": {"a": {"type": "integer", "maximum": 5}}}]},
            "Holder": {"type": "object", "additionalProperties": false,
                       "properties": {"x": {"$ref": "#/components/schemas/Base"}, "s": {"type": "string", "pattern": "^(?!0{3})[0-9]{3}$", "nullable": true}}}
        }}})
    }

    #[test]
    fn discriminator_and_refs() {
        let v = Validator::new(doc());
        assert!(
            v.validate("Holder", &json!({"x": {"type": "A", "a": 3}, "s": "123"}))
                .is_empty()
        );
        assert!(
            v.validate("Holder", &json!({"x": {"type": "A", "a": 3}, "s": null}))
                .is_empty()
        );
        assert!(
            !v.validate("Holder", &json!({"x": {"type": "A"}}))
                .is_empty()
        );
        assert!(
            !v.validate("Holder", &json!({"x": {"type": "B"}}))
                .is_empty()
        );
        assert!(
            !v.validate("Holder", &json!({"x": {"type": "A", "a": 9}}))
                .is_empty()
        );
        assert!(!v.validate("Holder", &json!({"y": 1})).is_empty());
        assert!(!v.validate("Holder", &json!({"s": "12a"})).is_empty());
    }
}
