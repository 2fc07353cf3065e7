//! Browser tests: components mounted in a real DOM in headless Chromium (wasm-bindgen-test).
#![cfg(target_arch = "wasm32")]

use credit_dash::api::ApiError;
use credit_dash::components::chart::Chart;
use credit_dash::components::error_notice::ErrorNotice;
use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn container() -> web_sys::HtmlElement {
    let doc = web_sys::window().unwrap().document().unwrap();
    let div = doc.create_element("div").unwrap();
    div.set_attribute("style", "width: 600px; height: 320px")
        .unwrap();
    doc.body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

async fn tick() {
    leptos::task::tick().await;
    gloo_timers::future::TimeoutFuture::new(30).await;
}

fn load_echarts() {
    let has = js_sys::Reflect::has(&js_sys::global(), &"echarts".into()).unwrap_or(false);
    if !has {
        js_sys::eval(include_str!("../node_modules/echarts/dist/echarts.min.js"))
            .expect("ECharts loads");
    }
}

fn eval(js: &str) -> wasm_bindgen::JsValue {
    js_sys::eval(js).expect(js)
}

#[wasm_bindgen_test]
async fn error_notice_retry_calls_back() {
    let root = container();
    let clicks = RwSignal::new(0);
    let error = ApiError::Server {
        status: 503,
        message: None,
    };
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <ErrorNotice error=error.clone() on_retry=Callback::new(move |_| clicks.update(|c| *c += 1)) /> }
    });
    tick().await;
    let notice = root
        .query_selector("[data-testid=error]")
        .unwrap()
        .expect("notice shown");
    assert_eq!(
        notice.get_attribute("data-error-kind").as_deref(),
        Some("server")
    );
    assert!(notice.text_content().unwrap().contains("(503)"));
    let retry: web_sys::HtmlElement = root
        .query_selector("[data-testid=retry]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    retry.click();
    retry.click();
    tick().await;
    assert_eq!(clicks.get_untracked(), 2);
}

fn option(series: &[&str]) -> String {
    let series: Vec<String> = series
        .iter()
        .map(|name| format!(r#"{{"type":"line","name":"{name}","data":[1,3,2]}}"#))
        .collect();
    format!(
        r#"{{"animation":false,"xAxis":{{"type":"category","data":["a","b","c"]}},"yAxis":{{"type":"value"}},"series":[{}]}}"#,
        series.join(",")
    )
}

// One test for the chart's whole life: tests may interleave at await points, and this one
// removes the global `echarts` for a moment.
#[wasm_bindgen_test]
async fn chart_draws_updates_in_place_and_disposes() {
    // Without the ECharts script the page still renders, with a notice.
    let _ = js_sys::Reflect::delete_property(&js_sys::global(), &"echarts".into());
    let bare = container();
    let bare_handle = leptos::mount::mount_to(
        bare.clone(),
        move || view! { <Chart option=option(&["x"]) label="Usage" /> },
    );
    tick().await;
    let text = bare.text_content().unwrap();
    assert!(text.contains("did not load"), "{text}");
    drop(bare_handle);

    load_echarts();
    let root = container();
    root.set_id("chart-test-root");
    let opt = RwSignal::new(option(&["Smart Flows", "AI Copilot", "AI Pilots"]));
    let handle = leptos::mount::mount_to(root.clone(), move || {
        view! { <Chart option=opt label="Usage" /> }
    });
    tick().await;
    assert!(
        root.query_selector("canvas").unwrap().is_some(),
        "a canvas is drawn"
    );
    let series_count = "echarts.getInstanceByDom(document.querySelector('#chart-test-root [data-testid=chart]')).getOption().series.length";
    let id_of = "echarts.getInstanceByDom(document.querySelector('#chart-test-root [data-testid=chart]')).id";
    assert_eq!(eval(series_count).as_f64(), Some(3.0));
    let first_id = eval(id_of).as_string();

    opt.set(option(&["Smart Flows", "AI Pilots"]));
    tick().await;
    assert_eq!(
        eval(series_count).as_f64(),
        Some(2.0),
        "a removed series disappears"
    );
    assert_eq!(
        eval(id_of).as_string(),
        first_id,
        "the same instance is updated in place"
    );
    let names = eval(
        "echarts.getInstanceByDom(document.querySelector('#chart-test-root [data-testid=chart]')).getOption().series.map(s => s.name).join('|')",
    );
    assert_eq!(names.as_string().as_deref(), Some("Smart Flows|AI Pilots"));

    let chart_el = root.query_selector("[data-testid=chart]").unwrap().unwrap();
    js_sys::Reflect::set(&js_sys::global(), &"__chartEl".into(), &chart_el).unwrap();
    drop(handle);
    tick().await;
    assert!(
        eval("echarts.getInstanceByDom(globalThis.__chartEl) === undefined")
            .as_bool()
            .unwrap(),
        "unmounting disposes the instance"
    );
}

#[wasm_bindgen_test]
async fn data_table_sorts_searches_and_pages() {
    use credit_dash::components::data_table::DataTable;
    use credit_dash::domain::table::{Cell, Column, ColumnKind};
    use std::sync::Arc;

    let root = container();
    let columns = vec![
        Column::new("name", "Flow", ColumnKind::Name),
        Column::new("credits", "Credits", ColumnKind::Credits),
    ];
    let rows: Vec<Vec<Cell>> = (0..60)
        .map(|i| {
            vec![
                Cell::Text(format!("Flow {i:02}")),
                Cell::Number((i * 7 % 60) as f64 + 0.5),
            ]
        })
        .collect();
    let rows = Arc::new(rows);
    let no_meta: Vec<(String, String)> = Vec::new();
    let _handle = leptos::mount::mount_to(root.clone(), move || {
        view! {
            <DataTable
                columns=columns.clone()
                rows=rows.clone()
                title="Smart Flows usage"
                search_label="Search flows"
                file_stem="flows".to_string()
                csv_meta=no_meta.clone()
                page_size=25
            />
        }
    });
    tick().await;
    let q = |sel: &str| root.query_selector_all(sel).unwrap();
    let first_cell = |col: &str| {
        root.query_selector(&format!("[data-testid=row] [data-col={col}]"))
            .unwrap()
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(q("[data-testid=row]").length(), 25, "one page of 25");
    assert_eq!(first_cell("name"), "Flow 00");
    let totals = root
        .query_selector("[data-testid=totals] [data-col=credits] [data-value]")
        .unwrap()
        .unwrap();
    let expected: f64 = (0..60).map(|i| (i * 7 % 60) as f64 + 0.5).sum();
    assert_eq!(
        totals
            .get_attribute("data-value")
            .unwrap()
            .parse::<f64>()
            .unwrap(),
        expected
    );

    // Sort by credits: largest first, then smallest first.
    let headers = q("th button");
    let credits_header: web_sys::HtmlElement = headers.item(1).unwrap().unchecked_into();
    credits_header.click();
    tick().await;
    assert_eq!(first_cell("credits"), "59.50");
    credits_header.click();
    tick().await;
    assert_eq!(first_cell("credits"), "0.50");

    // Pages.
    let next: web_sys::HtmlElement = root
        .query_selector("[data-testid=page-next]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    next.click();
    next.click();
    tick().await;
    assert_eq!(
        q("[data-testid=row]").length(),
        10,
        "the last page holds the rest"
    );
    assert!(root.text_content().unwrap().contains("Page 3 of 3"));

    // Search narrows the rows and the totals, and goes back to the first page.
    let search: web_sys::HtmlInputElement = root
        .query_selector("[data-testid=table-search]")
        .unwrap()
        .unwrap()
        .unchecked_into();
    search.set_value("flow 1");
    search
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    tick().await;
    assert_eq!(q("[data-testid=row]").length(), 10);
    assert!(
        root.query_selector("[data-testid=page-next]")
            .unwrap()
            .is_none(),
        "one page left"
    );
    let narrowed: f64 = (10..20).map(|i| (i * 7 % 60) as f64 + 0.5).sum();
    let totals = root
        .query_selector("[data-testid=totals] [data-col=credits] [data-value]")
        .unwrap()
        .unwrap();
    assert_eq!(
        totals
            .get_attribute("data-value")
            .unwrap()
            .parse::<f64>()
            .unwrap(),
        narrowed
    );
}
