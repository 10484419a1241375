package io.tidewatch.serde;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.google.protobuf.DescriptorProtos.DescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumDescriptorProto;
import com.google.protobuf.DescriptorProtos.EnumValueDescriptorProto;
import com.google.protobuf.DescriptorProtos.FileDescriptorProto;
import com.google.protobuf.Descriptors.Descriptor;
import com.google.protobuf.Descriptors.DescriptorValidationException;
import com.google.protobuf.Descriptors.FileDescriptor;
import io.tidewatch.proto.v1.Contribution;
import io.tidewatch.proto.v1.DetectorScore;
import io.tidewatch.proto.v1.DriftEvent;
import io.tidewatch.proto.v1.FeatureSet;
import io.tidewatch.proto.v1.FlowKey;
import io.tidewatch.proto.v1.FlowRecord;
import io.tidewatch.proto.v1.FlowSide;
import io.tidewatch.proto.v1.Label;
import io.tidewatch.proto.v1.ModelMetrics;
import io.tidewatch.proto.v1.ModelRef;
import io.tidewatch.proto.v1.ModelSnapshot;
import io.tidewatch.proto.v1.PacketDynamicsBatch;
import io.tidewatch.proto.v1.ScoredFlow;
import org.junit.jupiter.api.Test;

class MessageIndexesTest {

    @Test
    void tidewatchTypesSitWhereTheirFilesDeclareThem() {
        assertArrayEquals(new int[] {0}, MessageIndexes.of(FlowKey.getDescriptor()));
        assertArrayEquals(new int[] {0}, MessageIndexes.of(FlowSide.getDescriptor()));
        // FlowSide precedes FlowRecord in flow_record.proto.
        assertArrayEquals(new int[] {1}, MessageIndexes.of(FlowRecord.getDescriptor()));
        assertArrayEquals(new int[] {2}, MessageIndexes.of(FeatureSet.getDescriptor()));
        // Enums Direction and FlowEndReason precede it, but enums do not count.
        assertArrayEquals(new int[] {0}, MessageIndexes.of(PacketDynamicsBatch.getDescriptor()));
        assertArrayEquals(new int[] {0}, MessageIndexes.of(Label.getDescriptor()));
        assertArrayEquals(new int[] {0}, MessageIndexes.of(ModelSnapshot.getDescriptor()));
        assertArrayEquals(new int[] {1}, MessageIndexes.of(DriftEvent.getDescriptor()));
        assertArrayEquals(new int[] {2}, MessageIndexes.of(ModelMetrics.getDescriptor()));
        assertArrayEquals(new int[] {0}, MessageIndexes.of(DetectorScore.getDescriptor()));
        assertArrayEquals(new int[] {1}, MessageIndexes.of(Contribution.getDescriptor()));
        assertArrayEquals(new int[] {2}, MessageIndexes.of(ModelRef.getDescriptor()));
        assertArrayEquals(new int[] {3}, MessageIndexes.of(ScoredFlow.getDescriptor()));
    }

    @Test
    void nestedTypesGetNestedPaths() throws DescriptorValidationException {
        FileDescriptorProto proto = FileDescriptorProto.newBuilder()
                .setName("nested.proto").setPackage("t").setSyntax("proto3")
                .addEnumType(EnumDescriptorProto.newBuilder().setName("E")
                        .addValue(EnumValueDescriptorProto.newBuilder().setName("E_ZERO").setNumber(0)))
                .addMessageType(DescriptorProto.newBuilder().setName("A")
                        .addEnumType(EnumDescriptorProto.newBuilder().setName("AE")
                                .addValue(EnumValueDescriptorProto.newBuilder().setName("AE_ZERO").setNumber(0)))
                        .addNestedType(DescriptorProto.newBuilder().setName("B"))
                        .addNestedType(DescriptorProto.newBuilder().setName("C")
                                .addNestedType(DescriptorProto.newBuilder().setName("D"))))
                .addMessageType(DescriptorProto.newBuilder().setName("F"))
                .build();
        FileDescriptor file = FileDescriptor.buildFrom(proto, new FileDescriptor[0]);
        Descriptor a = file.findMessageTypeByName("A");
        Descriptor c = a.findNestedTypeByName("C");
        assertArrayEquals(new int[] {0}, MessageIndexes.of(a));
        assertArrayEquals(new int[] {0, 0}, MessageIndexes.of(a.findNestedTypeByName("B")));
        assertArrayEquals(new int[] {0, 1}, MessageIndexes.of(c));
        assertArrayEquals(new int[] {0, 1, 0}, MessageIndexes.of(c.findNestedTypeByName("D")));
        assertArrayEquals(new int[] {1}, MessageIndexes.of(file.findMessageTypeByName("F")));
        assertEquals("t.C", "t." + c.getName());
    }
}
