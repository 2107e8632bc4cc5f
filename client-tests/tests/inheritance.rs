//! An inheritance-style discriminator (a base object with `discriminator` and no `oneOf`,
//! extended by the schemas that `allOf` it), compiled: `Application` in the `features` fixture
//! decodes into the subtype its tag names, keeps unknown subtypes, and sends any subtype.

use features::types::{
    Application, ApplicationBase, ApplicationSignOnMode, AutoLoginApplication, BasicAuthApplication,
};
use serde_json::json;

fn decode(value: serde_json::Value) -> Application {
    serde_json::from_value(value).unwrap_or_else(|e| panic!("decode: {e}"))
}

#[test]
fn each_subtype_decodes_by_its_tag_with_its_own_fields() {
    let app = decode(json!({"id": "a1", "signOnMode": "AUTO_LOGIN", "loginUrl": "https://x"}));
    let Application::AutoLogin(auto) = app else {
        panic!("not AutoLogin: {app:?}")
    };
    assert_eq!(auto.login_url.as_deref(), Some("https://x"));
    assert_eq!(auto.id.as_deref(), Some("a1"));

    let app = decode(json!({"signOnMode": "BASIC_AUTH", "realm": "corp"}));
    let Application::BasicAuth(basic) = app else {
        panic!("not BasicAuth: {app:?}")
    };
    assert_eq!(basic.realm, "corp");

    // No mapping entry: the schema name is the tag (the OpenAPI default).
    let app = decode(json!({"signOnMode": "BookmarkApplication", "label": "b"}));
    let Application::Bookmark(bookmark) = app else {
        panic!("not Bookmark: {app:?}")
    };
    assert_eq!(bookmark.label.as_deref(), Some("b"));
}

#[test]
fn an_unknown_subtype_keeps_the_base_fields_typed_and_the_rest() {
    let value = json!({"id": "s1", "signOnMode": "SAML_2_0", "entityId": "urn:x"});
    let app = decode(value.clone());
    let Application::Unknown(base) = &app else {
        panic!("not Unknown: {app:?}")
    };
    assert_eq!(base.id.as_deref(), Some("s1"));
    assert_eq!(base.sign_on_mode, ApplicationSignOnMode::Saml20);
    assert_eq!(base.other_fields["entityId"], json!("urn:x"));
    // Nothing is lost on the way back.
    assert_eq!(serde_json::to_value(&app).unwrap(), value);
}

#[test]
fn a_request_sends_a_subtype_with_its_tag_and_fields() {
    let app = Application::BasicAuth(BasicAuthApplication {
        id: None,
        label: Some("mail".into()),
        // The variant decides the tag, whatever the field says.
        sign_on_mode: ApplicationSignOnMode::AutoLogin,
        realm: "corp".into(),
    });
    let sent = serde_json::to_value(&app).unwrap();
    assert_eq!(
        sent,
        json!({"label": "mail", "signOnMode": "BASIC_AUTH", "realm": "corp"})
    );
    let Application::BasicAuth(back) = decode(sent) else {
        panic!("not sent as BasicAuth")
    };
    assert_eq!(back.sign_on_mode, ApplicationSignOnMode::BasicAuth);

    let base = Application::Unknown(ApplicationBase {
        id: Some("x".into()),
        label: None,
        sign_on_mode: ApplicationSignOnMode::Bookmark,
        other_fields: Default::default(),
    });
    let sent = serde_json::to_value(&base).unwrap();
    assert_eq!(sent, json!({"id": "x", "signOnMode": "BOOKMARK"}));
    let _: AutoLoginApplication =
        serde_json::from_value(json!({"signOnMode": "AUTO_LOGIN"})).unwrap();
}

#[test]
fn a_base_that_holds_itself_decodes_a_chain_of_subtypes() {
    use features::types::Node;
    let value =
        json!({"kind": "Leaf", "value": 3, "parent": {"kind": "Root", "parent": {"kind": "Leaf"}}});
    let node: Node = serde_json::from_value(value.clone()).unwrap();
    let Node::Leaf(leaf) = &node else {
        panic!("not a Leaf: {node:?}")
    };
    assert_eq!(leaf.value, Some(3));
    let Some(parent) = &leaf.parent else {
        panic!("no parent")
    };
    let Node::Unknown(root) = parent.as_ref() else {
        panic!("the parent is not Unknown: {parent:?}")
    };
    assert_eq!(root.kind, "Root");
    assert!(matches!(root.parent.as_deref(), Some(Node::Leaf(_))));
    assert_eq!(serde_json::to_value(&node).unwrap(), value);
}
