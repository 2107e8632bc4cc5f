//! The XML fixture (`spec/fixtures/xml.yaml`), compiled and run against a loopback server:
//! request bodies are written as OpenAPI's XML Object rules say (the element and attribute
//! names, a prefix with its namespace, wrapped and unwrapped arrays, items named by their
//! component), with the media type the description names, and responses are read back into
//! the same types whatever the order of elements, the prefixes or the whitespace, documented
//! errors included.

use std::collections::BTreeMap;

use wiremock::matchers::{method, path};
use wiremock::{Mock, MockServer, ResponseTemplate};
use xml::types::{Author, Book, Genre, Problem, Review, ShelveBookBody, Stats};
use xml::{Client, Error};

mod common;

use common::{only_request, server_with};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

fn xml_response(status: u16, body: &str) -> ResponseTemplate {
    ResponseTemplate::new(status).set_body_raw(body.as_bytes().to_vec(), "application/xml")
}

fn book() -> Book {
    Book {
        id: 7,
        lang: Some("en".to_owned()),
        title: "Tom & \"Jerry\" <3".to_owned(),
        isbn: Some("0-553-21311-3".to_owned()),
        author: Some(Author {
            name: Some("Mary Shelley".to_owned()),
            born: Some(1797),
        }),
        price: Some(9.5),
        available: Some(true),
        genre: Some(Genre::Fiction),
        tags: Some(vec!["gothic".to_owned(), "classic".to_owned()]),
        reviews: Some(vec![
            Review {
                stars: Some(5),
                text: Some("Alive!".to_owned()),
            },
            Review {
                stars: Some(3),
                text: None,
            },
        ]),
    }
}

/// `book()` as the XML Object rules write it: `id` and `lang` (renamed `language`) are
/// attributes, `isbn` is `dc:ISBN` declaring its namespace, `tags` wraps its `tag` items, the
/// `reviews` are unwrapped `review` elements (their component's `xml.name`), and the root is
/// the component's `xml.name`.
const BOOK_XML: &str = concat!(
    r#"<?xml version="1.0" encoding="UTF-8"?>"#,
    r#"<book id="7" language="en">"#,
    r#"<title>Tom &amp; "Jerry" &lt;3</title>"#,
    r#"<dc:ISBN xmlns:dc="http://purl.org/dc/elements/1.1/">0-553-21311-3</dc:ISBN>"#,
    r#"<author><name>Mary Shelley</name><born>1797</born></author>"#,
    r#"<price>9.5</price><available>true</available><genre>fiction</genre>"#,
    r#"<tags><tag>gothic</tag><tag>classic</tag></tags>"#,
    r#"<review stars="5"><text>Alive!</text></review><review stars="3"></review>"#,
    r#"</book>"#,
);

#[tokio::test]
async fn a_request_body_is_written_as_the_xml_objects_say() {
    let server = server_with(xml_response(201, BOOK_XML)).await;
    let added = client(&server).add_book(&book()).await.unwrap();
    assert_eq!(added, book());
    let request = only_request(&server).await;
    assert_eq!(
        request.headers.get("content-type").unwrap(),
        "application/xml"
    );
    assert_eq!(
        request.headers.get("accept").unwrap(),
        "application/xml, */*;q=0.1"
    );
    assert_eq!(String::from_utf8(request.body).unwrap(), BOOK_XML);
}

#[tokio::test]
async fn a_response_is_read_whatever_the_order_prefixes_and_whitespace() {
    // Elements in another order, a prefix on the root, the namespace on the root, numbers with
    // spaces around them, CDATA, an element the description does not name, and a boolean
    // written `1`.
    let body = r#"<?xml version="1.0"?>
        <b:book xmlns:b="urn:books" xmlns:dc="http://purl.org/dc/elements/1.1/" id=" 7 ">
          <review stars="3"/>
          <available>1</available>
          <title><![CDATA[Frankenstein]]></title>
          <shelfmark>PR5397</shelfmark>
          <dc:ISBN>0-553-21311-3</dc:ISBN>
          <price> 9.5 </price>
          <tags/>
        </b:book>"#;
    let server = server_with(xml_response(200, body)).await;
    let book = client(&server).get_book(7).await.unwrap();
    assert_eq!(
        book,
        Book {
            id: 7,
            lang: None,
            title: "Frankenstein".to_owned(),
            isbn: Some("0-553-21311-3".to_owned()),
            author: None,
            price: Some(9.5),
            available: Some(true),
            genre: None,
            tags: Some(Vec::new()),
            reviews: Some(vec![Review {
                stars: Some(3),
                text: None,
            }]),
        }
    );
    assert_eq!(
        only_request(&server).await.headers.get("accept").unwrap(),
        "text/xml, */*;q=0.1"
    );
}

#[tokio::test]
async fn a_root_array_holds_its_items() {
    let body = r#"<books><book id="1"><title>A</title></book><book id="2"><title>B</title></book></books>"#;
    let server = server_with(xml_response(200, body)).await;
    let books = client(&server).list_books().await.unwrap();
    let titles: Vec<(i64, &str)> = books.iter().map(|b| (b.id, b.title.as_str())).collect();
    assert_eq!(titles, [(1, "A"), (2, "B")]);
}

#[tokio::test]
async fn an_inline_body_takes_its_xml_name_and_unwrapped_items() {
    let server = MockServer::start().await;
    Mock::given(method("PUT"))
        .and(path("/books/7/shelf"))
        .respond_with(ResponseTemplate::new(204))
        .mount(&server)
        .await;
    let body = ShelveBookBody {
        shelves: vec!["A1".to_owned(), "B2".to_owned()],
        note: None,
    };
    client(&server).shelve_book(7, &body).await.unwrap();
    let request = only_request(&server).await;
    assert_eq!(request.headers.get("content-type").unwrap(), "text/xml");
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        concat!(
            r#"<?xml version="1.0" encoding="UTF-8"?>"#,
            "<shelving><shelf>A1</shelf><shelf>B2</shelf></shelving>"
        )
    );
}

#[tokio::test]
async fn other_properties_are_kept_by_element_name() {
    let body = "<stats><total>3</total><fiction>2</fiction><poetry>1</poetry></stats>";
    let server = server_with(xml_response(200, body)).await;
    let stats = client(&server).get_stats().await.unwrap();
    assert_eq!(
        stats,
        Stats {
            total: Some(3),
            additional_properties: BTreeMap::from([
                ("fiction".to_owned(), 2),
                ("poetry".to_owned(), 1),
            ]),
        }
    );
}

#[tokio::test]
async fn a_documented_error_decodes_its_xml_body() {
    let body = "<problem><code>404</code><message>No such book</message></problem>";
    let server = server_with(xml_response(404, body)).await;
    match client(&server).get_book(8).await {
        Err(Error::Api { error, .. }) => assert_eq!(
            error,
            xml::operations::GetBookError::NotFound(Some(Problem {
                code: 404,
                message: Some("No such book".to_owned()),
            }))
        ),
        other => panic!("expected the documented 404, got {other:?}"),
    }
}

#[tokio::test]
async fn a_body_that_is_not_the_documented_xml_is_a_decode_error() {
    for (body, says) in [
        (r#"{"id": 7, "title": "JSON"}"#, "not XML"),
        (r#"<book id="seven"><title>A</title></book>"#, "id"),
        (
            r#"<!DOCTYPE book [<!ENTITY e "x">]><book id="1"><title>&e;</title></book>"#,
            "not XML",
        ),
    ] {
        let server = server_with(xml_response(200, body)).await;
        match client(&server).get_book(7).await {
            Err(Error::Decode { source, .. }) => {
                assert!(source.to_string().contains(says), "{body}: {source}");
            }
            other => panic!("{body}: expected a decode error, got {other:?}"),
        }
    }
}
