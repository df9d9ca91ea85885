package dev.hixai2api;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

@SpringBootApplication
public class Hixai2ApiApplication {
    public static void main(String[] args) {
        SpringApplication.run(Hixai2ApiApplication.class, args);
    }
}
