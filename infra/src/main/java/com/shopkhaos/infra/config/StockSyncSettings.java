package com.shopkhaos.infra.config;

import com.shopkhaos.model.stock.BufferRule;
import com.shopkhaos.model.stock.HotStockRule;
import com.shopkhaos.model.stock.StockBufferPolicy;
import com.shopkhaos.model.stock.StockPushService;
import com.shopkhaos.model.stock.WebSites;
import io.quarkus.runtime.annotations.RegisterForReflection;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithConverter;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.eclipse.microprofile.config.spi.Converter;

/**
 * Stock sync: which Khaos sites the shop sells, the safety buffers, how long an imported order counts as in flight, and
 * rows per sync request ({@code KHAOS_WEB_SITES}, {@code STOCK_BUFFER}, {@code STOCK_PEAK_BUFFERS}, {@code STOCK_HOT_BUFFER},
 * {@code STOCK_SETTLE}, {@code STOCK_SYNC_BATCH}).
 */
@ConfigMapping(prefix = "shopkhaos")
public interface StockSyncSettings {
    Setting WEB_SITES = Setting.of("KHAOS_WEB_SITES", "shopkhaos.khaos-web-sites");
    Setting BUFFER = Setting.of("STOCK_BUFFER", "shopkhaos.stock-buffer");
    Setting PEAK_BUFFERS = Setting.of("STOCK_PEAK_BUFFERS", "shopkhaos.stock-peak-buffers");
    Setting HOT_BUFFER = Setting.of("STOCK_HOT_BUFFER", "shopkhaos.stock-hot-buffer");
    Setting SYNC_BATCH = Setting.of("STOCK_SYNC_BATCH", "shopkhaos.stock-sync-batch");

    /** Khaos site ids, comma-separated; not set: every site */
    @WithConverter(Sites.class)
    Optional<WebSites> khaosWebSites();

    /** the buffer for every code ({@code 2}, {@code 10%}, {@code 10%,min2}); not set: none */
    @WithConverter(Buffer.class)
    Optional<BufferRule> stockBuffer();

    /** time-boxed buffers {@code from/to=rule}, {@code ;}-separated */
    @WithConverter(Peaks.class)
    Optional<PeakBuffers> stockPeakBuffers();

    /** the hot-stock buffer ({@code 1,orders2,atmost5}); not set: off */
    @WithConverter(Hot.class)
    Optional<HotStockRule> stockHotBuffer();

    @WithDefault("5m")
    Duration stockSettle();

    /** rows per {@code /api/_action/sync} request, 1 to 1000 */
    @WithDefault("100")
    int stockSyncBatch();

    /** The core's stock settings; a batch out of range is refused naming {@code STOCK_SYNC_BATCH}. */
    default StockPushService.StockSettings stockSettings() {
        StockBufferPolicy buffers = new StockBufferPolicy(stockBuffer().orElse(BufferRule.NONE),
                stockPeakBuffers().map(PeakBuffers::rules).orElse(List.of()), stockHotBuffer().orElse(HotStockRule.NONE));
        WebSites sites = khaosWebSites().orElseGet(() -> WebSites.parse(""));
        return SYNC_BATCH.check(() -> new StockPushService.StockSettings(sites, buffers, stockSettle(), stockSyncBatch()));
    }

    /** {@code STOCK_PEAK_BUFFERS} read; a wrapper so SmallRye maps the list as one value. */
    record PeakBuffers(List<StockBufferPolicy.PeakRule> rules) {
    }

    @RegisterForReflection
    final class Sites implements Converter<WebSites> {
        @Override
        public WebSites convert(String value) {
            return WEB_SITES.convert(value, text -> WebSites.parse(text, WEB_SITES.toString()));
        }
    }

    @RegisterForReflection
    final class Buffer implements Converter<BufferRule> {
        @Override
        public BufferRule convert(String value) {
            return BUFFER.convert(value, text -> BufferRule.parse(text, BUFFER.toString()));
        }
    }

    @RegisterForReflection
    final class Hot implements Converter<HotStockRule> {
        @Override
        public HotStockRule convert(String value) {
            return HOT_BUFFER.convert(value, text -> HotStockRule.parse(text, HOT_BUFFER.toString()));
        }
    }

    @RegisterForReflection
    final class Peaks implements Converter<PeakBuffers> {
        @Override
        public PeakBuffers convert(String value) {
            return PEAK_BUFFERS.convert(value,
                    text -> new PeakBuffers(List.copyOf(StockBufferPolicy.parsePeaks(text, PEAK_BUFFERS.toString()))));
        }
    }
}
