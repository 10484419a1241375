package io.tidewatch.localstack.registry;

import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.serde.ProtobufDeserializer;
import io.tidewatch.serde.ProtobufSerializer;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Cost of the schema-registry framing against plain Protobuf, side by side in one run: the serializer against
 * {@code toByteArray()}, the deserializer against {@code parseFrom()}. The registry is the embedded one over real
 * HTTP; it is called only during setup, since the serde caches.
 *
 * <p>Run: {@code java -cp <test classpath> org.openjdk.jmh.Main SerdeBenchmark}.
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class SerdeBenchmark {

    private EmbeddedSchemaRegistry registry;
    private ProtobufSerializer<FlowRecord> serializer;
    private ProtobufDeserializer<FlowRecord> deserializer;
    private FlowRecord record;
    private byte[] framed;
    private byte[] plain;

    @Setup(Level.Trial)
    public void setUp() {
        registry = new EmbeddedSchemaRegistry().start();
        Map<String, Object> configs = Map.of("schema.registry.url", registry.url());
        serializer = new ProtobufSerializer<>(configs, false);
        deserializer = new ProtobufDeserializer<>(FlowRecord.getDefaultInstance(), configs, false);
        record = SampleMessages.flowRecord(3);
        framed = serializer.serialize("flows", record);
        plain = record.toByteArray();
        deserializer.deserialize("flows", framed);
    }

    @TearDown(Level.Trial)
    public void tearDown() {
        registry.close();
    }

    @Benchmark
    public byte[] serializeFramed() {
        return serializer.serialize("flows", record);
    }

    @Benchmark
    public byte[] serializePlainProtobuf() {
        return record.toByteArray();
    }

    @Benchmark
    public FlowRecord deserializeFramed() {
        return deserializer.deserialize("flows", framed);
    }

    @Benchmark
    public FlowRecord deserializePlainProtobuf() throws Exception {
        return FlowRecord.parseFrom(plain);
    }
}
