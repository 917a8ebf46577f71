package io.omnistock.domain.inventory;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class PositionAtpTest {

    @Test
    void atpIsOnHandLessReservedLessSafetyStockAndNeverNegative() {
        Position p = new Position();
        p.onHand = 10;
        p.reserved = 3;

        assertThat(p.atp(2)).isEqualTo(5);
        assertThat(p.atp(9)).isZero();
    }

    @Test
    void aNegativeSafetyStockNeverRaisesAtpAboveOnHandLessReserved() {
        Position p = new Position();
        p.onHand = 7;
        p.reserved = 1;

        assertThat(p.atp(-1)).isEqualTo(6);
        assertThat(Position.atp(7, -100)).isEqualTo(7);
    }
}
