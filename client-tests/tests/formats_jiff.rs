//! The typed formats (`spec/fixtures/formats.yaml`) generated with jiff's dates and the uuid
//! and IP formats kept `String` (`spec/fixtures/formats-jiff.toml`), compiled and run against
//! a loopback server: the same odd forms decode, values go out in the spec's string form, and
//! one that does not parse (more than 9 digits of fraction, which jiff refuses) is an
//! `Error::Decode` naming its path.

mod common;

use common::formats::{FRACTIONS, SAME_INSTANT, echo_server, page, parse};
use formats_jiff::operations::GetEventDayParams;
use formats_jiff::types::Event;
use formats_jiff::{Client, DecodeError, Error};
use jiff::Timestamp;
use jiff::civil::{Date, Time};
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

#[tokio::test]
async fn timestamps_decode_from_any_offset_fraction_and_case() {
    let mut written: Vec<&str> = SAME_INSTANT.to_vec();
    written.extend(FRACTIONS.iter().map(|(text, _)| *text));
    let server =
        common::server_with(ResponseTemplate::new(200).set_body_json(page(&written))).await;
    let events = client(&server).list_events().await.unwrap().data;
    let instant: Timestamp = parse("2024-01-02T03:04:05Z");
    for (event, text) in events.iter().zip(SAME_INSTANT) {
        assert_eq!(event.created_at, instant, "{text}");
    }
    for (event, (text, nanos)) in events[SAME_INSTANT.len()..].iter().zip(FRACTIONS) {
        assert_eq!(event.created_at.subsec_nanosecond(), nanos as i32, "{text}");
        assert_eq!(event.created_at.as_second(), instant.as_second(), "{text}");
    }
    // Uuids kept `String` are as the server wrote them.
    assert_eq!(events[0].id, "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11");
}

#[tokio::test]
async fn a_body_round_trips_and_parameters_are_sent_in_their_string_form() {
    let server = echo_server().await;
    let sent = Event {
        id: "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".to_owned(),
        created_at: parse("2024-01-02T05:04:05.5+02:00"),
        day: Some(Date::constant(2024, 2, 29)),
        starts: Some(Time::constant(3, 4, 5, 0)),
        host_v4: Some("192.0.2.1".to_owned()),
        host_v6: None,
        cancelled_at: None,
        history: Some(vec![parse("2024-01-02T03:04:05.000000001Z")]),
        by_day: None,
        link: None,
        contact: None,
        kind: None,
    };
    let back = client(&server).create_event(&sent).await.unwrap();
    assert_eq!(back, sent);
    let wire: Value = serde_json::from_slice(&common::only_request(&server).await.body).unwrap();
    assert_eq!(
        wire,
        json!({
            "id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "created_at": "2024-01-02T03:04:05.5Z",
            "day": "2024-02-29",
            "starts": "03:04:05",
            "host_v4": "192.0.2.1",
            "history": ["2024-01-02T03:04:05.000000001Z"],
        })
    );

    let server = common::server_with(
        ResponseTemplate::new(200)
            .set_body_json(json!({"id": "x", "created_at": "2024-01-02T03:04:05Z"})),
    )
    .await;
    let params = GetEventDayParams {
        at: Some(Time::constant(3, 4, 5, 250_000_000)),
        host: Some("192.0.2.1".to_owned()),
        peers: None,
        x_not_before: Some(parse("2024-01-01T21:34:05-05:30")),
    };
    client(&server)
        .get_event_day(
            "A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11",
            Date::constant(2024, 2, 29),
            parse("2024-01-02t05:04:05+02:00"),
            params,
        )
        .await
        .unwrap();
    let request = common::only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/events/A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11/days/2024-02-29"
    );
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        query,
        [
            pair("since", "2024-01-02T03:04:05Z"),
            pair("at", "03:04:05.25"),
            pair("host", "192.0.2.1"),
        ]
    );
    assert_eq!(request.headers["x-not-before"], "2024-01-02T03:04:05Z");
}

#[tokio::test]
async fn an_unparsable_value_is_a_decode_error_naming_its_path() {
    let body = page(&["2024-01-02T03:04:05Z", "2024-01-02T03:04:05.1234567891Z"]).to_string();
    let server = common::server_with(
        ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"),
    )
    .await;
    let error = client(&server).list_events().await.unwrap_err();
    let Error::Decode { response, source } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.body, body.as_bytes());
    assert_eq!(
        source.downcast_ref::<DecodeError>().unwrap().path(),
        "data[1].created_at"
    );
    assert!(
        error.to_string().contains("at `data[1].created_at`: "),
        "{error}"
    );
}
