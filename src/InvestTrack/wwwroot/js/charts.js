// ECharts for the Blazor EChart component. Options arrive as JSON text and are only parsed, never evaluated:
// no string is turned into a function, so data (project and company names) cannot become script.

const libraryUrl = new URL("lib/echarts/echarts.min.js", document.baseURI).href;
const fontFamily = '"Noto Sans CJK SC", "Noto Sans SC", "Microsoft YaHei", sans-serif';
const observers = new WeakMap();
let loading = null;

// The library is a classic script (it sets window.echarts); load it once, on the first chart.
function loadLibrary() {
    if (window.echarts) return Promise.resolve(window.echarts);
    loading ??= new Promise((resolve, reject) => {
        const script = document.createElement("script");
        script.src = libraryUrl;
        script.async = true;
        script.onload = () => resolve(window.echarts);
        script.onerror = () => {
            loading = null; // let a later chart try again
            script.remove();
            reject(new Error(`could not load ${libraryUrl}`));
        };
        document.head.appendChild(script);
    });
    return loading;
}

// ChartOption.WithValueDecimals: a fixed number of decimals for values in labels and tooltips, which JSON
// numbers cannot carry (52.70 arrives as 52.7). The formatter is code of this file, never of the option.
function applyDecimals(option) {
    const decimals = option.valueDecimals;
    delete option.valueDecimals;
    if (!Number.isInteger(decimals)) return;
    const format = value => (typeof value === "number" ? value.toFixed(decimals) : value);
    option.tooltip = { ...(option.tooltip ?? {}), valueFormatter: format };
    for (const series of option.series ?? []) {
        if (series.label?.show) series.label.formatter = params => format(params.value);
    }
}

function prepare(optionJson) {
    const option = JSON.parse(optionJson);
    applyDecimals(option);
    option.textStyle = { fontFamily, ...(option.textStyle ?? {}) };
    if (window.matchMedia?.("(prefers-reduced-motion: reduce)").matches) option.animation = false;
    return option;
}

export async function render(element, optionJson, dotNetRef, theme) {
    if (!element) return;
    const echarts = await loadLibrary();
    if (!element.isConnected) return; // disposed while the library was loading
    let chart = echarts.getInstanceByDom(element);
    if (!chart) {
        chart = echarts.init(element, theme || null, { renderer: "canvas" });
        const observer = new ResizeObserver(() => chart.resize());
        observer.observe(element);
        observers.set(element, observer);
    }
    // The component may be re-rendered with a new .NET reference: always call the current one.
    chart.off("click");
    if (dotNetRef) {
        chart.on("click", params => {
            dotNetRef.invokeMethodAsync("OnChartClick", params.seriesIndex ?? 0, params.dataIndex ?? 0, String(params.name ?? ""))
                .catch(() => { /* the circuit is gone: nothing to tell */ });
        });
    }
    const option = prepare(optionJson);
    // A theme's own background would paint over the page's panels: let them show through.
    if (theme) option.backgroundColor ??= "transparent";
    chart.setOption(option, true);
}

export function dispose(element) {
    if (!element) return;
    observers.get(element)?.disconnect();
    observers.delete(element);
    window.echarts?.getInstanceByDom(element)?.dispose();
}
