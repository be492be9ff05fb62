//! The variables each message of a catalogue takes, read from its syntax tree: for the
//! tests that hold every language to the same arguments, and for pages, whose sentences are
//! written with their text arguments left open.

use std::collections::{BTreeMap, BTreeSet};

use fluent_syntax::ast::{self, Entry, Expression, InlineExpression, PatternElement};
use fluent_syntax::parser;

/// Each message of `source` (what parses of it), by identifier, as `read` reads it.
fn each_message<T>(source: &str, read: impl Fn(&ast::Message<&str>) -> T) -> Vec<(String, T)> {
    let resource = match parser::parse(source) {
        Ok(resource) | Err((resource, _)) => resource,
    };
    resource
        .body
        .iter()
        .filter_map(|entry| match entry {
            Entry::Message(message) => Some((message.id.name.to_owned(), read(message))),
            _ => None,
        })
        .collect()
}

/// Each message's variables, by identifier.
pub fn variables(source: &str) -> BTreeMap<String, BTreeSet<String>> {
    each_message(source, |message| {
        let mut names = BTreeSet::new();
        if let Some(pattern) = &message.value {
            pattern_variables(pattern, &mut names);
        }
        names
    })
    .into_iter()
    .collect()
}

fn pattern_variables(pattern: &ast::Pattern<&str>, names: &mut BTreeSet<String>) {
    for element in &pattern.elements {
        if let PatternElement::Placeable { expression } = element {
            expression_variables(expression, names);
        }
    }
}

fn expression_variables(expression: &Expression<&str>, names: &mut BTreeSet<String>) {
    match expression {
        Expression::Select { selector, variants } => {
            inline_variables(selector, names);
            for variant in variants {
                pattern_variables(&variant.value, names);
            }
        }
        Expression::Inline(inline) => inline_variables(inline, names),
    }
}

fn inline_variables(inline: &InlineExpression<&str>, names: &mut BTreeSet<String>) {
    match inline {
        InlineExpression::VariableReference { id } => {
            names.insert(id.name.to_owned());
        }
        InlineExpression::Placeable { expression } => expression_variables(expression, names),
        _ => {}
    }
}

/// The messages that choose their words by a number's plural form (`{ $n -> [one] … *[other]
/// … }`), with the number's variable: a page that knows the number only as it runs gets one
/// sentence per form (`Words::counted`).
pub fn counted(source: &str) -> BTreeMap<String, String> {
    const CATEGORIES: &[&str] = &["zero", "one", "two", "few", "many", "other"];
    each_message(source, |message| {
        let pattern = message.value.as_ref()?;
        pattern.elements.iter().find_map(|element| match element {
            PatternElement::Placeable {
                expression:
                    Expression::Select {
                        selector: InlineExpression::VariableReference { id },
                        variants,
                    },
            } => variants
                .iter()
                .all(|variant| match &variant.key {
                    ast::VariantKey::Identifier { name } => CATEGORIES.contains(name),
                    ast::VariantKey::NumberLiteral { .. } => false,
                })
                .then(|| id.name.to_owned()),
            _ => None,
        })
    })
    .into_iter()
    .filter_map(|(id, selector)| Some((id, selector?)))
    .collect()
}

/// The messages that choose among variants (`{ $n -> … }`): a page can't fill those in from
/// a sentence with its arguments left open, so they are written whole or not sent.
pub fn selective(source: &str) -> BTreeSet<String> {
    each_message(source, |message| {
        message.value.as_ref().is_some_and(|pattern| {
            pattern.elements.iter().any(|element| {
                matches!(
                    element,
                    PatternElement::Placeable { expression: Expression::Select { .. } }
                )
            })
        })
    })
    .into_iter()
    .filter_map(|(id, chooses)| chooses.then_some(id))
    .collect()
}
