// The ECharts the app loads: only what the usage chart draws (src/widgets/usage_chart/option.rs writes
// its option as ECharts JSON). A line chart on a category/value grid with a legend (paged when its
// names do not fit on one line), an axis tooltip (which brings the axis pointer) and mark lines
// for top-ups, on canvas.
// scripts/echarts/build.mjs bundles this file; a chart that needs another part adds it here.
import { init, getInstanceByDom, dispose, use, version } from 'echarts/core';
import { LineChart } from 'echarts/charts';
import { GridComponent, LegendScrollComponent, TooltipComponent, MarkLineComponent } from 'echarts/components';
import { CanvasRenderer } from 'echarts/renderers';

use([LineChart, GridComponent, LegendScrollComponent, TooltipComponent, MarkLineComponent, CanvasRenderer]);

// What the wrapper (src/components/chart/) calls, and what tests read a chart's option with.
globalThis.echarts = { init, getInstanceByDom, dispose, version };
