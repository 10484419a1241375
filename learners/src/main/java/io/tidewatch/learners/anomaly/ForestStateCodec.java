package io.tidewatch.learners.anomaly;

import com.amazon.randomcutforest.state.ExecutionContext;
import com.amazon.randomcutforest.state.RandomCutForestState;
import com.amazon.randomcutforest.state.sampler.CompactSamplerState;
import com.amazon.randomcutforest.state.store.NodeStoreState;
import com.amazon.randomcutforest.state.store.PointStoreState;
import com.amazon.randomcutforest.state.tree.CompactRandomCutTreeState;
import io.tidewatch.learners.codec.BodyArrays;
import java.io.DataInput;
import java.io.DataOutput;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes randomcutforest-core's state objects ({@link RandomCutForestState} and its point store, samplers and
 * trees) field by field. The library's own mapper already packs the arrays (compressed point data and node
 * indices); this adds no serialization framework and keeps the format ours, versioned by {@link RobustRandomCutForest}.
 */
final class ForestStateCodec {

    private static final String KIND = RobustRandomCutForest.KIND;

    private ForestStateCodec() {
    }

    static void write(DataOutput out, RandomCutForestState s) throws IOException {
        BodyArrays.writeString(out, s.getVersion());
        out.writeLong(s.getTotalUpdates());
        out.writeDouble(s.getTimeDecay());
        out.writeInt(s.getNumberOfTrees());
        out.writeInt(s.getSampleSize());
        out.writeInt(s.getShingleSize());
        out.writeInt(s.getDimensions());
        out.writeInt(s.getOutputAfter());
        out.writeBoolean(s.isCompressed());
        out.writeBoolean(s.isPartialTreeState());
        out.writeDouble(s.getBoundingBoxCacheFraction());
        out.writeBoolean(s.isStoreSequenceIndexesEnabled());
        out.writeBoolean(s.isCompact());
        out.writeBoolean(s.isInternalShinglingEnabled());
        out.writeBoolean(s.isCenterOfMassEnabled());
        BodyArrays.writeString(out, s.getPrecision());
        out.writeBoolean(s.isSaveTreeStateEnabled());
        out.writeBoolean(s.isSaveSamplerStateEnabled());
        out.writeBoolean(s.isSaveCoordinatorStateEnabled());
        ExecutionContext ec = s.getExecutionContext();
        out.writeBoolean(ec != null);
        if (ec != null) {
            out.writeBoolean(ec.isParallelExecutionEnabled());
            out.writeInt(ec.getThreadPoolSize());
            BodyArrays.writeString(out, ec.getMode());
        }
        out.writeBoolean(s.getPointStoreState() != null);
        if (s.getPointStoreState() != null) {
            writePointStore(out, s.getPointStoreState());
        }
        List<CompactSamplerState> samplers = s.getCompactSamplerStates();
        out.writeInt(samplers == null ? -1 : samplers.size());
        if (samplers != null) {
            for (CompactSamplerState c : samplers) {
                writeSampler(out, c);
            }
        }
        List<CompactRandomCutTreeState> trees = s.getCompactRandomCutTreeStates();
        out.writeInt(trees == null ? -1 : trees.size());
        if (trees != null) {
            for (CompactRandomCutTreeState t : trees) {
                writeTree(out, t);
            }
        }
    }

    static RandomCutForestState read(DataInput in) throws IOException {
        RandomCutForestState s = new RandomCutForestState();
        s.setVersion(BodyArrays.readString(in));
        s.setTotalUpdates(in.readLong());
        s.setTimeDecay(in.readDouble());
        s.setNumberOfTrees(in.readInt());
        s.setSampleSize(in.readInt());
        s.setShingleSize(in.readInt());
        s.setDimensions(in.readInt());
        s.setOutputAfter(in.readInt());
        s.setCompressed(in.readBoolean());
        s.setPartialTreeState(in.readBoolean());
        s.setBoundingBoxCacheFraction(in.readDouble());
        s.setStoreSequenceIndexesEnabled(in.readBoolean());
        s.setCompact(in.readBoolean());
        s.setInternalShinglingEnabled(in.readBoolean());
        s.setCenterOfMassEnabled(in.readBoolean());
        s.setPrecision(BodyArrays.readString(in));
        s.setSaveTreeStateEnabled(in.readBoolean());
        s.setSaveSamplerStateEnabled(in.readBoolean());
        s.setSaveCoordinatorStateEnabled(in.readBoolean());
        if (in.readBoolean()) {
            ExecutionContext ec = new ExecutionContext();
            ec.setParallelExecutionEnabled(in.readBoolean());
            ec.setThreadPoolSize(in.readInt());
            ec.setMode(BodyArrays.readString(in));
            s.setExecutionContext(ec);
        }
        if (in.readBoolean()) {
            s.setPointStoreState(readPointStore(in));
        }
        int samplers = count(in);
        if (samplers >= 0) {
            List<CompactSamplerState> list = new ArrayList<>(samplers);
            for (int i = 0; i < samplers; i++) {
                list.add(readSampler(in));
            }
            s.setCompactSamplerStates(list);
        }
        int trees = count(in);
        if (trees >= 0) {
            List<CompactRandomCutTreeState> list = new ArrayList<>(trees);
            for (int i = 0; i < trees; i++) {
                list.add(readTree(in));
            }
            s.setCompactRandomCutTreeStates(list);
        }
        return s;
    }

    private static int count(DataInput in) throws IOException {
        int n = in.readInt();
        if (n < -1 || n > 100_000) {
            throw new IllegalArgumentException(KIND + ": " + n + " samplers/trees is corrupt");
        }
        return n;
    }

    private static void writePointStore(DataOutput out, PointStoreState p) throws IOException {
        BodyArrays.writeString(out, p.getVersion());
        out.writeInt(p.getDimensions());
        out.writeInt(p.getCapacity());
        out.writeInt(p.getShingleSize());
        BodyArrays.writeString(out, p.getPrecision());
        out.writeInt(p.getStartOfFreeSegment());
        BodyArrays.writeBytes(out, p.getPointData());
        out.writeBoolean(p.isCompressed());
        BodyArrays.writeInts(out, p.getRefCount());
        out.writeBoolean(p.isDirectLocationMap());
        BodyArrays.writeInts(out, p.getLocationList());
        BodyArrays.writeInts(out, p.getReverseLocationList());
        out.writeBoolean(p.isReverseAvailable());
        out.writeBoolean(p.isInternalShinglingEnabled());
        BodyArrays.writeDoubles(out, p.getInternalShingle());
        out.writeLong(p.getLastTimeStamp());
        out.writeBoolean(p.isRotationEnabled());
        out.writeBoolean(p.isDynamicResizingEnabled());
        out.writeInt(p.getCurrentStoreCapacity());
        out.writeInt(p.getIndexCapacity());
        BodyArrays.writeInts(out, p.getDuplicateRefs());
    }

    private static PointStoreState readPointStore(DataInput in) throws IOException {
        PointStoreState p = new PointStoreState();
        p.setVersion(BodyArrays.readString(in));
        p.setDimensions(in.readInt());
        p.setCapacity(in.readInt());
        p.setShingleSize(in.readInt());
        p.setPrecision(BodyArrays.readString(in));
        p.setStartOfFreeSegment(in.readInt());
        p.setPointData(BodyArrays.readBytes(in, KIND, "pointData"));
        p.setCompressed(in.readBoolean());
        p.setRefCount(BodyArrays.readInts(in, KIND, "refCount"));
        p.setDirectLocationMap(in.readBoolean());
        p.setLocationList(BodyArrays.readInts(in, KIND, "locationList"));
        p.setReverseLocationList(BodyArrays.readInts(in, KIND, "reverseLocationList"));
        p.setReverseAvailable(in.readBoolean());
        p.setInternalShinglingEnabled(in.readBoolean());
        p.setInternalShingle(BodyArrays.readDoubles(in, KIND, "internalShingle"));
        p.setLastTimeStamp(in.readLong());
        p.setRotationEnabled(in.readBoolean());
        p.setDynamicResizingEnabled(in.readBoolean());
        p.setCurrentStoreCapacity(in.readInt());
        p.setIndexCapacity(in.readInt());
        p.setDuplicateRefs(BodyArrays.readInts(in, KIND, "duplicateRefs"));
        return p;
    }

    private static void writeSampler(DataOutput out, CompactSamplerState c) throws IOException {
        BodyArrays.writeString(out, c.getVersion());
        BodyArrays.writeFloats(out, c.getWeight());
        BodyArrays.writeInts(out, c.getPointIndex());
        out.writeBoolean(c.isStoreSequenceIndicesEnabled());
        BodyArrays.writeLongs(out, c.getSequenceIndex());
        out.writeInt(c.getSize());
        out.writeInt(c.getCapacity());
        out.writeDouble(c.getInitialAcceptFraction());
        out.writeDouble(c.getTimeDecay());
        out.writeLong(c.getSequenceIndexOfMostRecentTimeDecayUpdate());
        out.writeLong(c.getMaxSequenceIndex());
        out.writeBoolean(c.isCompressed());
        out.writeLong(c.getRandomSeed());
    }

    private static CompactSamplerState readSampler(DataInput in) throws IOException {
        CompactSamplerState c = new CompactSamplerState();
        c.setVersion(BodyArrays.readString(in));
        c.setWeight(BodyArrays.readFloats(in, KIND, "weight"));
        c.setPointIndex(BodyArrays.readInts(in, KIND, "pointIndex"));
        c.setStoreSequenceIndicesEnabled(in.readBoolean());
        c.setSequenceIndex(BodyArrays.readLongs(in, KIND, "sequenceIndex"));
        c.setSize(in.readInt());
        c.setCapacity(in.readInt());
        c.setInitialAcceptFraction(in.readDouble());
        c.setTimeDecay(in.readDouble());
        c.setSequenceIndexOfMostRecentTimeDecayUpdate(in.readLong());
        c.setMaxSequenceIndex(in.readLong());
        c.setCompressed(in.readBoolean());
        c.setRandomSeed(in.readLong());
        return c;
    }

    private static void writeTree(DataOutput out, CompactRandomCutTreeState t) throws IOException {
        BodyArrays.writeString(out, t.getVersion());
        out.writeInt(t.getRoot());
        out.writeInt(t.getMaxSize());
        out.writeInt(t.getOutputAfter());
        out.writeBoolean(t.isStoreSequenceIndexesEnabled());
        out.writeBoolean(t.isCenterOfMassEnabled());
        out.writeDouble(t.getBoundingBoxCacheFraction());
        out.writeBoolean(t.isPartialTreeState());
        out.writeLong(t.getSeed());
        out.writeInt(t.getId());
        out.writeInt(t.getDimensions());
        out.writeLong(t.getStaticSeed());
        out.writeFloat(t.getWeight());
        out.writeBoolean(t.isHasAuxiliaryData());
        BodyArrays.writeBytes(out, t.getAuxiliaryData());
        NodeStoreState n = t.getNodeStoreState();
        out.writeBoolean(n != null);
        if (n != null) {
            BodyArrays.writeString(out, n.getVersion());
            out.writeInt(n.getCapacity());
            out.writeBoolean(n.isCompressed());
            BodyArrays.writeInts(out, n.getCutDimension());
            BodyArrays.writeBytes(out, n.getCutValueData());
            BodyArrays.writeString(out, n.getPrecision());
            out.writeInt(n.getRoot());
            out.writeBoolean(n.isCanonicalAndNotALeaf());
            out.writeInt(n.getSize());
            BodyArrays.writeInts(out, n.getLeftIndex());
            BodyArrays.writeInts(out, n.getRightIndex());
            BodyArrays.writeInts(out, n.getNodeFreeIndexes());
            out.writeInt(n.getNodeFreeIndexPointer());
            BodyArrays.writeInts(out, n.getLeafFreeIndexes());
            out.writeInt(n.getLeafFreeIndexPointer());
            out.writeBoolean(n.isPartialTreeStateEnabled());
            BodyArrays.writeInts(out, n.getLeafMass());
            BodyArrays.writeInts(out, n.getLeafPointIndex());
        }
    }

    private static CompactRandomCutTreeState readTree(DataInput in) throws IOException {
        CompactRandomCutTreeState t = new CompactRandomCutTreeState();
        t.setVersion(BodyArrays.readString(in));
        t.setRoot(in.readInt());
        t.setMaxSize(in.readInt());
        t.setOutputAfter(in.readInt());
        t.setStoreSequenceIndexesEnabled(in.readBoolean());
        t.setCenterOfMassEnabled(in.readBoolean());
        t.setBoundingBoxCacheFraction(in.readDouble());
        t.setPartialTreeState(in.readBoolean());
        t.setSeed(in.readLong());
        t.setId(in.readInt());
        t.setDimensions(in.readInt());
        t.setStaticSeed(in.readLong());
        t.setWeight(in.readFloat());
        t.setHasAuxiliaryData(in.readBoolean());
        t.setAuxiliaryData(BodyArrays.readBytes(in, KIND, "auxiliaryData"));
        if (in.readBoolean()) {
            NodeStoreState n = new NodeStoreState();
            n.setVersion(BodyArrays.readString(in));
            n.setCapacity(in.readInt());
            n.setCompressed(in.readBoolean());
            n.setCutDimension(BodyArrays.readInts(in, KIND, "cutDimension"));
            n.setCutValueData(BodyArrays.readBytes(in, KIND, "cutValueData"));
            n.setPrecision(BodyArrays.readString(in));
            n.setRoot(in.readInt());
            n.setCanonicalAndNotALeaf(in.readBoolean());
            n.setSize(in.readInt());
            n.setLeftIndex(BodyArrays.readInts(in, KIND, "leftIndex"));
            n.setRightIndex(BodyArrays.readInts(in, KIND, "rightIndex"));
            n.setNodeFreeIndexes(BodyArrays.readInts(in, KIND, "nodeFreeIndexes"));
            n.setNodeFreeIndexPointer(in.readInt());
            n.setLeafFreeIndexes(BodyArrays.readInts(in, KIND, "leafFreeIndexes"));
            n.setLeafFreeIndexPointer(in.readInt());
            n.setPartialTreeStateEnabled(in.readBoolean());
            n.setLeafMass(BodyArrays.readInts(in, KIND, "leafMass"));
            n.setLeafPointIndex(BodyArrays.readInts(in, KIND, "leafPointIndex"));
            t.setNodeStoreState(n);
        }
        return t;
    }
}
