//! The typed formats (`spec/fixtures/formats.yaml`) with the default choices (chrono, uuid,
//! `std::net`), compiled and run against a loopback server: values decode from the odd forms
//! servers send (fractions of 1 to 9 digits, offsets other than `Z`, lowercase `t` and `z`,
//! upper-case uuids), go out in the spec's string form in bodies, path, query, header, form and
//! multipart fields, and one that does not parse fails the response with an `Error::Decode`
//! naming its path, the raw body kept. `formats_jiff.rs` runs the other choices.

mod common;

use chrono::{DateTime, NaiveDate, NaiveTime, Timelike, Utc};
use common::formats::{FRACTIONS, SAME_INSTANT, echo_server, page, parse};
use formats::operations::GetEventDayParams;
use formats::types::{Event, Window};
use formats::{Client, DecodeError, Error};
use serde_json::{Value, json};
use wiremock::{MockServer, ResponseTemplate};

fn client(server: &MockServer) -> Client {
    Client::builder().base_url(server.uri()).build().unwrap()
}

fn event() -> Event {
    Event {
        id: parse("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"),
        created_at: parse("2024-01-02T03:04:05.123456789Z"),
        day: Some(parse("2024-02-29")),
        starts: Some(parse("03:04:05.5")),
        host_v4: Some("192.0.2.1".parse().unwrap()),
        host_v6: Some("2001:db8::1".parse().unwrap()),
        cancelled_at: Some(None),
        history: Some(vec![parse("2024-01-02T03:04:05Z")]),
        by_day: Some([("mon".to_owned(), parse("2024-01-01"))].into()),
        link: Some("https://example.com/e/1".to_owned()),
        contact: Some("a@example.com".to_owned()),
        kind: None,
    }
}

#[tokio::test]
async fn date_times_decode_from_any_offset_fraction_and_case() {
    let mut written: Vec<&str> = SAME_INSTANT.to_vec();
    written.extend(FRACTIONS.iter().map(|(text, _)| *text));
    let server =
        common::server_with(ResponseTemplate::new(200).set_body_json(page(&written))).await;
    let events = client(&server).list_events().await.unwrap().data;
    let instant: DateTime<Utc> = parse("2024-01-02T03:04:05Z");
    for (event, text) in events.iter().zip(SAME_INSTANT) {
        assert_eq!(event.created_at, instant, "{text}");
    }
    for (event, (text, nanos)) in events[SAME_INSTANT.len()..].iter().zip(FRACTIONS) {
        assert_eq!(event.created_at.nanosecond(), nanos, "{text}");
        assert_eq!(event.created_at.with_nanosecond(0), Some(instant), "{text}");
    }
    // Upper-case uuids are the same uuid.
    assert_eq!(
        events[0].id,
        parse::<uuid::Uuid>("a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11")
    );
}

#[tokio::test]
async fn dates_times_and_addresses_decode() {
    let body = json!({
        "data": [
            {"id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "created_at": "2024-01-02T03:04:05Z",
             "day": "2024-02-29", "starts": "03:04:05", "host_v4": "192.0.2.1",
             "host_v6": "2001:DB8::1", "by_day": {"mon": "2024-01-01"}},
            {"id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "created_at": "2024-01-02T03:04:05Z",
             "starts": "23:59:59.25", "host_v6": "::ffff:192.0.2.1", "cancelled_at": null},
        ]
    });
    let server = common::server_with(ResponseTemplate::new(200).set_body_json(body)).await;
    let events = client(&server).list_events().await.unwrap().data;
    assert_eq!(events[0].day, NaiveDate::from_ymd_opt(2024, 2, 29));
    assert_eq!(events[0].starts, NaiveTime::from_hms_opt(3, 4, 5));
    assert_eq!(
        events[1].starts,
        NaiveTime::from_hms_milli_opt(23, 59, 59, 250)
    );
    assert_eq!(events[0].host_v4, Some([192, 0, 2, 1].into()));
    assert_eq!(events[0].host_v6, Some("2001:db8::1".parse().unwrap()));
    assert_eq!(events[1].host_v6, Some("::ffff:192.0.2.1".parse().unwrap()));
    assert_eq!(
        events[0].by_day.as_ref().unwrap()["mon"],
        parse::<NaiveDate>("2024-01-01")
    );
    assert_eq!(events[0].cancelled_at, None);
    assert_eq!(events[1].cancelled_at, Some(None));
}

#[tokio::test]
async fn a_body_sends_the_string_forms_and_round_trips() {
    let server = echo_server().await;
    let sent = event();
    let back = client(&server).create_event(&sent).await.unwrap();
    assert_eq!(back, sent);
    let request = common::only_request(&server).await;
    let wire: Value = serde_json::from_slice(&request.body).unwrap();
    assert_eq!(
        wire,
        json!({
            "id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11",
            "created_at": "2024-01-02T03:04:05.123456789Z",
            "day": "2024-02-29",
            "starts": "03:04:05.500",
            "host_v4": "192.0.2.1",
            "host_v6": "2001:db8::1",
            "cancelled_at": null,
            "history": ["2024-01-02T03:04:05Z"],
            "by_day": {"mon": "2024-01-01"},
            "link": "https://example.com/e/1",
            "contact": "a@example.com",
        })
    );
}

#[tokio::test]
async fn parameters_are_sent_in_their_string_form() {
    let server = common::server_with(ResponseTemplate::new(200).set_body_json(
        json!({"id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "created_at": "2024-01-02T03:04:05Z"}),
    ))
    .await;
    let params = GetEventDayParams {
        at: Some(parse("03:04:05.25")),
        host: Some([192, 0, 2, 1].into()),
        peers: Some(vec!["2001:db8::1".parse().unwrap(), "::1".parse().unwrap()]),
        x_not_before: Some(parse("2024-01-01T21:34:05.5-05:30")),
    };
    client(&server)
        .get_event_day(
            parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11"),
            parse("2024-02-29"),
            parse("2024-01-02T05:04:05+02:00"),
            params,
        )
        .await
        .unwrap();
    let request = common::only_request(&server).await;
    assert_eq!(
        request.url.path(),
        "/events/a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11/days/2024-02-29"
    );
    let query: Vec<(String, String)> = request.url.query_pairs().into_owned().collect();
    let pair = |k: &str, v: &str| (k.to_owned(), v.to_owned());
    assert_eq!(
        query,
        [
            pair("since", "2024-01-02T03:04:05Z"),
            pair("at", "03:04:05.250"),
            pair("host", "192.0.2.1"),
            pair("peers", "2001:db8::1,::1"),
        ]
    );
    assert_eq!(request.headers["x-not-before"], "2024-01-02T03:04:05.500Z");
}

#[tokio::test]
async fn form_and_multipart_fields_are_sent_in_their_string_form() {
    let window = Window {
        from: Some(parse("2024-01-02T05:04:05+02:00")),
        to: Some(parse("2024-01-02T03:04:05.5Z")),
        id: Some(parse("A0EEBC99-9C0B-4EF8-BB6D-6BB9BD380A11")),
    };
    let server = common::server_with(ResponseTemplate::new(204)).await;
    client(&server).submit_window(Some(&window)).await.unwrap();
    let request = common::only_request(&server).await;
    assert_eq!(
        String::from_utf8(request.body).unwrap(),
        "from=2024-01-02T03%3A04%3A05Z&to=2024-01-02T03%3A04%3A05.500Z\
         &id=a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11"
    );
    let server = common::server_with(ResponseTemplate::new(204)).await;
    client(&server).upload_window(Some(&window)).await.unwrap();
    let request = common::only_request(&server).await;
    let parts: Vec<(String, String)> = common::multipart_parts(&request)
        .await
        .into_iter()
        .map(|p| (p.name, String::from_utf8(p.body).unwrap()))
        .collect();
    assert_eq!(
        parts,
        [
            ("from".to_owned(), "2024-01-02T03:04:05Z".to_owned()),
            ("to".to_owned(), "2024-01-02T03:04:05.500Z".to_owned()),
            (
                "id".to_owned(),
                "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11".to_owned()
            ),
        ]
    );
}

#[tokio::test]
async fn an_unparsable_value_is_a_decode_error_naming_its_path() {
    let body = page(&["2024-01-02T03:04:05Z", "2024-01-02T03:04:05Z", "yesterday"]).to_string();
    let server = common::server_with(
        ResponseTemplate::new(200).set_body_raw(body.clone(), "application/json"),
    )
    .await;
    let error = client(&server).list_events().await.unwrap_err();
    let text = error.to_string();
    assert!(
        text.starts_with(
            "HTTP 200 OK: the response body did not decode: at `data[2].created_at`: "
        ),
        "{text}"
    );
    let Error::Decode { response, source } = &error else {
        panic!("{error:?}");
    };
    assert_eq!(response.body, body.as_bytes());
    let source = source.downcast_ref::<DecodeError>().unwrap();
    assert_eq!(source.path(), "data[2].created_at");
    // A date-time where a date is declared, and a date-time without an offset: each named.
    for (field, value, path) in [
        ("day", "2024-02-29T00:00:00Z", "day"),
        ("created_at", "2024-01-02T03:04:05", "created_at"),
        ("history", "[\"2024-01-02\"]", "history[0]"),
    ] {
        let mut event = json!({"id": "a0eebc99-9c0b-4ef8-bb6d-6bb9bd380a11", "created_at": "2024-01-02T03:04:05Z"});
        event[field] = serde_json::from_str(value).unwrap_or(json!(value));
        let server = echo_server_answering(event).await;
        let error = client(&server)
            .create_event(&self::event())
            .await
            .unwrap_err();
        let Error::Decode { source, .. } = &error else {
            panic!("{error:?}");
        };
        assert_eq!(
            source.downcast_ref::<DecodeError>().unwrap().path(),
            path,
            "{error}"
        );
    }
}

async fn echo_server_answering(body: Value) -> MockServer {
    common::server_with(ResponseTemplate::new(201).set_body_json(body)).await
}
