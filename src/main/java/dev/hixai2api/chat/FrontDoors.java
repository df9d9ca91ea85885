package dev.hixai2api.chat;

import java.util.List;

import dev.hixai2api.core.FrontDoor;
import org.apache.camel.Exchange;
import org.springframework.stereotype.Component;

/**
 * The front door of a request. A door's route hands its bean over in the variable {@value #VARIABLE}; the engine
 * then replaces it by the door's name, which is what hook routes see.
 */
@Component
public class FrontDoors {

    public static final String VARIABLE = "frontDoor";

    private final List<FrontDoor> doors;

    public FrontDoors(List<FrontDoor> doors) {
        this.doors = List.copyOf(doors);
    }

    /** The door of this exchange, whether its variable still holds the bean or already the name. */
    public FrontDoor of(Exchange exchange) {
        Object door = exchange.getVariable(VARIABLE);
        if (door instanceof FrontDoor bean) {
            return bean;
        }
        return doors.stream().filter(d -> d.name().equals(door)).findFirst()
                .orElseThrow(() -> new IllegalStateException("no front door named " + door + " on this exchange"));
    }
}
